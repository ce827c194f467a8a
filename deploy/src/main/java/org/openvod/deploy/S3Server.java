package org.openvod.deploy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * An S3-compatible server (S3Proxy, filesystem-backed, SigV4) run as a child JVM. Objects are plain
 * files under the data directory, so they survive a restart.
 */
public final class S3Server {

  static final String MAIN = "org.gaul.s3proxy.Main";

  private final Settings settings;
  private final Path dir;

  public S3Server(Settings settings) {
    this.settings = settings;
    this.dir = settings.dataDir().resolve("s3");
  }

  /** Starts S3Proxy, waits until it answers signed requests and creates the missing buckets. */
  public ChildProcess start(Duration timeout) {
    Path config = writeConfig();
    ChildProcess s3 =
        ChildProcess.start(
            "s3",
            JavaCommand.mainClass(
                settings.dataDir(),
                JavaCommand.options(
                    settings,
                    "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    // S3Proxy routes System.err into its logger: logging to stderr would loop
                    "-Dorg.slf4j.simpleLogger.logFile=System.out"),
                MAIN,
                "--properties",
                config.toString()),
            Map.of("CLASSPATH", JavaCommand.launcherClasspath()),
            settings.logDir().resolve("s3.log"));
    try {
      Readiness.waitForPort(s3, settings.s3Port(), timeout);
      createBuckets(s3, timeout);
    } catch (RuntimeException e) {
      s3.stop(Duration.ofSeconds(10));
      throw e;
    }
    return s3;
  }

  private void createBuckets(ChildProcess s3, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (S3Client client = client(settings)) {
      while (true) {
        try {
          List<String> existing =
              client.listBuckets().buckets().stream().map(Bucket::name).toList();
          for (String bucket : settings.buckets()) {
            if (!existing.contains(bucket)) {
              client.createBucket(b -> b.bucket(bucket));
            }
          }
          return;
        } catch (SdkException e) {
          if (!s3.isAlive() || System.nanoTime() > deadline) {
            throw new LaunchException(
                "S3Proxy does not accept requests ("
                    + e.getMessage()
                    + "): "
                    + s3.deathReport().stripTrailing(),
                e);
          }
          sleep();
        }
      }
    }
  }

  /** A path-style client with the platform's credentials. */
  public static S3Client client(Settings settings) {
    return S3Client.builder()
        .endpointOverride(URI.create(settings.s3Endpoint()))
        .region(Region.of(settings.region()))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())))
        .build();
  }

  Path writeConfig() {
    List<String> lines =
        List.of(
            "# written by ./vod up at every start",
            "s3proxy.endpoint=" + settings.s3Endpoint(),
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + settings.accessKeyId(),
            "s3proxy.credential=" + settings.secretAccessKey(),
            "jclouds.provider=filesystem",
            "jclouds.identity=" + settings.accessKeyId(),
            "jclouds.credential=" + settings.secretAccessKey(),
            "jclouds.filesystem.basedir=" + dir.resolve("data"));
    try {
      Files.createDirectories(dir.resolve("data"));
      Path config = dir.resolve("s3proxy.conf");
      Files.write(config, lines);
      return config;
    } catch (IOException e) {
      throw new LaunchException("cannot write S3Proxy's configuration in " + dir, e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("interrupted while waiting for S3Proxy");
    }
  }
}
