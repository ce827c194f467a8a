package org.openvod.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openvod.deploy.keys.KeyServer;

/**
 * What {@code ./vod} runs with: every value from an environment variable of README.md's
 * Configuration table, with the embedded default when it is unset.
 */
public record Settings(
    Path home,
    Path dataDir,
    int kafkaPort,
    int s3Port,
    int apiPort,
    int originPort,
    int workerPort,
    String accessKeyId,
    String secretAccessKey,
    String region,
    String account,
    String topicPrefix,
    String sourceBuckets,
    String outputBucket,
    String publicUrl,
    List<String> childJavaOptions,
    int keysPort,
    int keysTlsPort,
    String keysPublicUrl) {

  public static final String DEMO_SOURCE_BUCKET = "vod-sources";

  /**
   * Reads the settings from an environment; {@code home} is the checkout (for jars and scripts).
   */
  public static Settings from(Map<String, String> env, Path home) {
    Path dataDir = home.resolve(env.getOrDefault("VOD_DATA_DIR", ".vod-data")).toAbsolutePath();
    int originPort = port(env, "VOD_ORIGIN_PORT", 8081);
    int keysPort = port(env, "VOD_KEYS_PORT", 8083);
    return new Settings(
        home.toAbsolutePath(),
        dataDir.normalize(),
        port(env, "VOD_KAFKA_PORT", 9092),
        port(env, "VOD_S3_PORT", 9000),
        port(env, "VOD_API_PORT", 8080),
        originPort,
        port(env, "VOD_WORKER_PORT", 8082),
        text(env, "VOD_ACCESS_KEY_ID", "vod-local"),
        text(env, "VOD_SECRET_ACCESS_KEY", "vod-local-secret"),
        text(env, "VOD_REGION", "us-east-1"),
        text(env, "VOD_ACCOUNT", "000000000000"),
        env.getOrDefault("VOD_TOPIC_PREFIX", ""),
        text(env, "VOD_SOURCE_BUCKETS", DEMO_SOURCE_BUCKET),
        text(env, "VOD_OUTPUT_BUCKET", "vod-output"),
        text(env, "VOD_PUBLIC_URL", "http://127.0.0.1:" + originPort),
        words(env.getOrDefault("VOD_CHILD_JAVA_OPTS", "")),
        keysPort,
        port(env, "VOD_KEYS_TLS_PORT", 8084),
        text(env, "VOD_KEYS_PUBLIC_URL", "http://127.0.0.1:" + keysPort));
  }

  /**
   * Settings for a test: the given data directory and ports, free ports for the key server,
   * defaults for everything else.
   */
  public static Settings forTest(
      Path home, Path dataDir, int kafka, int s3, int api, int origin, int worker) {
    int keys = Ports.freePort();
    return new Settings(
        home,
        dataDir,
        kafka,
        s3,
        api,
        origin,
        worker,
        "vod-local",
        "vod-local-secret",
        "us-east-1",
        "000000000000",
        "",
        DEMO_SOURCE_BUCKET,
        "vod-output",
        "http://127.0.0.1:" + origin,
        List.of(),
        keys,
        Ports.freePort(),
        "http://127.0.0.1:" + keys);
  }

  public String kafkaBootstrap() {
    return "127.0.0.1:" + kafkaPort;
  }

  public String s3Endpoint() {
    return "http://127.0.0.1:" + s3Port;
  }

  public String apiEndpoint() {
    return "http://127.0.0.1:" + apiPort;
  }

  public Path logDir() {
    return dataDir.resolve("logs");
  }

  /** The built-in key server's secret and TLS certificate. */
  public Path keysDir() {
    return dataDir.resolve("keys");
  }

  /** The SPEKE url of the built-in key server, as packaging configurations name it. */
  public String keysSpekeUrl() {
    return "https://127.0.0.1:" + keysTlsPort + "/speke";
  }

  /** The buckets {@code ./vod up} creates: every allowed source bucket and the output bucket. */
  public List<String> buckets() {
    List<String> buckets = new ArrayList<>();
    for (String b : sourceBuckets.split(",")) {
      if (!b.isBlank() && !buckets.contains(b.trim())) {
        buckets.add(b.trim());
      }
    }
    if (!buckets.contains(outputBucket)) {
      buckets.add(outputBucket);
    }
    return buckets;
  }

  /** The environment every service gets: README.md's variables, pointing at this platform. */
  public Map<String, String> serviceEnvironment() {
    return Map.ofEntries(
        Map.entry("VOD_KAFKA_BOOTSTRAP", kafkaBootstrap()),
        Map.entry("VOD_S3_ENDPOINT", s3Endpoint()),
        Map.entry("VOD_ACCESS_KEY_ID", accessKeyId),
        Map.entry("VOD_SECRET_ACCESS_KEY", secretAccessKey),
        Map.entry("VOD_REGION", region),
        Map.entry("VOD_ACCOUNT", account),
        Map.entry("VOD_TOPIC_PREFIX", topicPrefix),
        Map.entry("VOD_SOURCE_BUCKETS", sourceBuckets),
        Map.entry("VOD_OUTPUT_BUCKET", outputBucket),
        Map.entry("VOD_API_PORT", Integer.toString(apiPort)),
        Map.entry("VOD_ORIGIN_PORT", Integer.toString(originPort)),
        Map.entry("VOD_WORKER_PORT", Integer.toString(workerPort)),
        Map.entry("VOD_PUBLIC_URL", publicUrl),
        Map.entry("VOD_DATA_DIR", dataDir.toString()),
        // the worker trusts the built-in key server's self-signed certificate
        Map.entry(
            "VOD_SPEKE_TRUSTED_CERTIFICATES",
            keysDir().resolve(KeyServer.CERTIFICATE_FILE).toString()));
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new LaunchException(name + " must be a TCP port (1-65535), got '" + value + "'");
    }
  }

  private static List<String> words(String value) {
    return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
