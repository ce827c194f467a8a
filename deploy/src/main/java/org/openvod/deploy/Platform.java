package org.openvod.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.openvod.deploy.keys.KeyServer;

/**
 * The running platform: the key server (in this JVM), Kafka, then S3, then the three services, each
 * a child JVM; stopped in the reverse order (services, key server, S3, Kafka) so nothing loses its
 * broker or store while shutting down.
 */
public final class Platform implements AutoCloseable {

  static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofSeconds(90);
  static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(180);

  private final Settings settings;
  private final PrintStream out;
  private ChildProcess kafka;
  private ChildProcess s3;
  private KeyServer keyServer;
  private final List<ChildProcess> services = new ArrayList<>();
  private boolean stopped;

  public Platform(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  /** Fails naming the variable to change when any port the platform needs is taken. */
  public void checkPorts(boolean withServices) {
    Ports.requireFree(settings.kafkaPort(), "VOD_KAFKA_PORT", "Kafka");
    Ports.requireFree(settings.s3Port(), "VOD_S3_PORT", "the S3 server");
    Ports.requireFree(settings.keysPort(), "VOD_KEYS_PORT", "the key server");
    Ports.requireFree(settings.keysTlsPort(), "VOD_KEYS_TLS_PORT", "the key server (https)");
    if (withServices) {
      for (Service service : Service.values()) {
        Ports.requireFree(service.port(settings), service.portVariable(), service.module());
      }
    }
  }

  /**
   * Starts the key server (in this JVM), then Kafka (formatting its storage the first time) and
   * S3Proxy side by side, and waits for both.
   */
  public void startInfrastructure() {
    long t0 = System.nanoTime();
    startKeyServer();
    out.printf(
        "vod: key server ready on %s and %s (%s)%n",
        settings.keysSpekeUrl(), "http://127.0.0.1:" + settings.keysPort(), since(t0));
    // recorded as soon as it is ready, so that a failure of Kafka still stops it
    CompletableFuture<ChildProcess> s3Start =
        CompletableFuture.supplyAsync(
            () -> recordS3(new S3Server(settings).start(INFRASTRUCTURE_TIMEOUT)));
    ChildProcess kafkaProcess;
    try {
      kafkaProcess = new KafkaBroker(settings).start(INFRASTRUCTURE_TIMEOUT);
    } catch (RuntimeException e) {
      s3Start.handle((ok, failed) -> null).join();
      throw e;
    }
    recordKafka(kafkaProcess);
    out.printf("vod: kafka ready on %s (%s)%n", settings.kafkaBootstrap(), since(t0));
    try {
      s3Start.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    out.printf("vod: s3 ready on %s (%s)%n", settings.s3Endpoint(), since(t0));
  }

  /** The built-in key server; its secret and certificate are made the first time. */
  private void startKeyServer() {
    try {
      KeyServer started =
          KeyServer.start(
              settings.keysDir(),
              settings.keysPort(),
              settings.keysTlsPort(),
              settings.keysPublicUrl());
      synchronized (this) {
        keyServer = started;
      }
    } catch (IOException e) {
      throw new LaunchException(
          "cannot start the key server on ports "
              + settings.keysPort()
              + " and "
              + settings.keysTlsPort()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private ChildProcess recordS3(ChildProcess process) {
    synchronized (this) {
      s3 = process;
    }
    return stopIfLate(process);
  }

  private void recordKafka(ChildProcess process) {
    synchronized (this) {
      kafka = process;
    }
    stopIfLate(process);
  }

  /** A child that came up after Ctrl-C (stop ran during the start) is stopped at once. */
  private ChildProcess stopIfLate(ChildProcess process) {
    boolean late;
    synchronized (this) {
      late = stopped;
    }
    if (late) {
      process.stop(Duration.ofSeconds(30));
      throw new LaunchException("stopped while starting");
    }
    return process;
  }

  /** Starts the three services side by side and waits until each says it is healthy. */
  public void startServices(ServiceJars jars) {
    long t0 = System.nanoTime();
    List<ChildProcess> started = new ArrayList<>();
    for (Service service : Service.values()) {
      ChildProcess child =
          ChildProcess.start(
              service.module(),
              JavaCommand.jar(
                  settings.dataDir(), JavaCommand.options(settings), jars.require(service)),
              settings.serviceEnvironment(),
              settings.logDir().resolve(service.module() + ".log"));
      synchronized (this) {
        services.add(child);
      }
      started.add(stopIfLate(child));
    }
    for (int i = 0; i < started.size(); i++) {
      Service service = Service.values()[i];
      Readiness.waitForHealth(started.get(i), service.port(settings), SERVICE_TIMEOUT);
      out.printf(
          "vod: %s ready on http://127.0.0.1:%d (%s)%n",
          service.module(), service.port(settings), since(t0));
    }
  }

  /** Every child started so far, Kafka first. */
  public synchronized List<ChildProcess> children() {
    List<ChildProcess> all = new ArrayList<>();
    if (kafka != null) {
      all.add(kafka);
    }
    if (s3 != null) {
      all.add(s3);
    }
    all.addAll(services);
    return all;
  }

  /**
   * Blocks until some child ends and returns it; the caller checks {@link ChildProcess#stopping()}
   * to tell a crash from a shutdown.
   */
  public ChildProcess awaitFirstExit() {
    List<ChildProcess> all = children();
    CompletableFuture<?>[] exits =
        all.stream().map(c -> c.process().onExit()).toArray(CompletableFuture[]::new);
    CompletableFuture.anyOf(exits).join();
    return all.stream().filter(c -> !c.isAlive()).findFirst().orElseThrow();
  }

  /** True once {@link #stop} has begun (Ctrl-C, SIGTERM or a failure). */
  public synchronized boolean isStopped() {
    return stopped;
  }

  /** Services first (side by side), then S3, then Kafka. Safe to call twice. */
  public void stop() {
    List<ChildProcess> toStop;
    ChildProcess s3Process;
    ChildProcess kafkaProcess;
    KeyServer keys;
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      toStop = List.copyOf(services);
      s3Process = s3;
      kafkaProcess = kafka;
      keys = keyServer;
    }
    if (!toStop.isEmpty()) {
      long t0 = System.nanoTime();
      toStop.forEach(ChildProcess::signalStop);
      toStop.forEach(c -> report(c, c.stop(Duration.ofSeconds(30)), t0));
    }
    if (keys != null) {
      keys.close();
      out.println("vod: stopped key server");
    }
    if (s3Process != null) {
      long t0 = System.nanoTime();
      report(s3Process, s3Process.stop(Duration.ofSeconds(15)), t0);
    }
    if (kafkaProcess != null) {
      long t0 = System.nanoTime();
      report(kafkaProcess, kafkaProcess.stop(Duration.ofSeconds(45)), t0);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void report(ChildProcess child, boolean clean, long t0) {
    out.printf(
        "vod: stopped %s (%s%s)%n", child.name(), since(t0), clean ? "" : ", had to be killed");
  }

  static String since(long t0) {
    return String.format("%.1f s", (System.nanoTime() - t0) / 1e9);
  }
}
