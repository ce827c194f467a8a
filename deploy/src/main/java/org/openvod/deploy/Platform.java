package org.openvod.deploy;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The running platform: Kafka, then S3, then the three services, each a child JVM; stopped in the
 * reverse order (services, S3, Kafka) so nothing loses its broker or store while shutting down.
 */
public final class Platform implements AutoCloseable {

  static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofSeconds(90);
  static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(180);

  private final Settings settings;
  private final PrintStream out;
  private ChildProcess kafka;
  private ChildProcess s3;
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
    if (withServices) {
      for (Service service : Service.values()) {
        Ports.requireFree(service.port(settings), service.portVariable(), service.module());
      }
    }
  }

  /**
   * Starts Kafka (formatting its storage the first time) and S3Proxy side by side, and waits for
   * both.
   */
  public void startInfrastructure() {
    long t0 = System.nanoTime();
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
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      toStop = List.copyOf(services);
      s3Process = s3;
      kafkaProcess = kafka;
    }
    if (!toStop.isEmpty()) {
      long t0 = System.nanoTime();
      toStop.forEach(ChildProcess::signalStop);
      toStop.forEach(c -> report(c, c.stop(Duration.ofSeconds(30)), t0));
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
