package org.openvod.deploy;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code ./vod up}: takes the data directory's lock, starts the key server, Kafka, S3 and the three
 * services, prints where everything is, then runs until Ctrl-C/SIGTERM (clean, ordered stop) or
 * until a child dies (named with its log, then everything stops and the exit code is 1).
 */
public final class UpCommand {

  private final Settings settings;
  private final PrintStream out;

  public UpCommand(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public int run() {
    long t0 = System.nanoTime();
    DataDirLock lock = DataDirLock.acquire(settings.dataDir());
    Leftovers.stop(settings.dataDir(), out);
    ServiceJars jars =
        new ServiceJars(settings.home(), System.getProperty("openvod.build.dir", "target"));
    for (Service service : Service.values()) {
      jars.require(service);
    }
    Platform platform = new Platform(settings, out);
    platform.checkPorts(true);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  platform.stop();
                  lock.close();
                },
                "vod-shutdown"));
    out.println("vod: starting OpenVOD, data in " + relative(settings.dataDir()));
    try {
      platform.startInfrastructure();
      platform.startServices(jars);
    } catch (LaunchException e) {
      if (!platform.isStopped()) {
        out.println("vod up: " + e.getMessage());
      }
      return 1; // the shutdown hook stops what did start
    }
    printBanner(Platform.since(t0));
    ChildProcess ended = platform.awaitFirstExit();
    if (ended.stopping()) {
      return 0; // Ctrl-C or SIGTERM: the shutdown hook is stopping everything in order
    }
    out.println();
    out.println("vod: " + ended.name() + " stopped unexpectedly: " + ended.deathReport());
    out.println("vod: stopping the rest of the platform");
    return 1;
  }

  private void printBanner(String took) {
    Settings s = settings;
    String logs = relative(s.logDir());
    out.println();
    out.println("OpenVOD is up (" + took + "). All state is in " + relative(s.dataDir()) + ".");
    out.println();
    out.printf("  control API      %-38s MediaPackage VOD API (SigV4)%n", s.apiEndpoint());
    out.printf("  playback origin  %-38s playback URLs start here%n", s.publicUrl());
    out.printf(
        "  ingest worker    %-38s health and metrics%n",
        "http://127.0.0.1:" + s.workerPort() + "/actuator/health");
    out.printf(
        "  Kafka            %-38s topics %s*%n", s.kafkaBootstrap(), s.topicPrefix() + "vod.");
    out.printf(
        "  S3               %-38s buckets %s%n", s.s3Endpoint(), String.join(", ", s.buckets()));
    out.printf(
        "  key server       %-38s SPEKE url for encrypted configurations%n", s.keysSpekeUrl());
    out.printf(
        "                   %-38s key URIs (/keys/<kid>), Clear Key licenses (/clearkey)%n",
        s.keysPublicUrl());
    out.printf(
        "  credentials      access key id %s, secret %s, region %s%n",
        s.accessKeyId(), s.secretAccessKey(), s.region());
    out.printf("  logs             %s/<name>.log%n", logs);
    out.println();
    out.println("Next, in another terminal:");
    out.println("  ./vod demo        package the bundled sample and print its playback URLs");
    out.printf(
        "  AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_REGION=%s \\%n"
            + "    aws mediapackage-vod list-packaging-groups --endpoint-url %s%n",
        s.accessKeyId(), s.secretAccessKey(), s.region(), s.apiEndpoint());
    out.println("Ctrl-C (or ./vod down) stops everything; the next ./vod up finds it all again.");
    out.println();
  }

  private String relative(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    return path.startsWith(cwd) ? "./" + cwd.relativize(path) : path.toString();
  }
}
