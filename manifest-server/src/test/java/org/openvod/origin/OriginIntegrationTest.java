package org.openvod.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.openvod.events.EgressLayout;
import org.openvod.events.Json;
import org.openvod.events.Topics;
import org.openvod.events.model.Asset;
import org.openvod.events.model.Authorization;
import org.openvod.events.model.EgressAccessLogs;
import org.openvod.events.model.Notification;
import org.openvod.events.model.NotificationDetail;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.PackagingGroup;
import org.openvod.events.model.ResourceRecord;
import org.openvod.events.testing.TestKafka;
import org.openvod.events.testing.TestS3;
import org.openvod.origin.support.CountingProxy;
import org.openvod.origin.support.RawHttp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Base of the origin's integration tests: one running origin (real HTTP on a random port) against
 * the harness's real Kafka broker and S3 server, with S3 traffic going through a counting proxy.
 * Every test class shares the one application context (same properties), and each test makes its
 * own group, configuration and asset with fresh ids, so tests do not see each other's data.
 */
@SpringBootTest(
    classes = ManifestServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class OriginIntegrationTest {

  protected static final String PREFIX = TestKafka.uniquePrefix();
  protected static final String BUCKET = "origin-" + UUID.randomUUID().toString().substring(0, 8);
  protected static final String REGION = "us-east-1";
  protected static final String ACCOUNT = "000000000000";
  protected static final Path WORK = tempDir();
  protected static final Path SECRETS_FILE = WORK.resolve("secrets.json");
  protected static final Path LOG_DIR = WORK.resolve("logs/egress");
  protected static final CountingProxy S3_PROXY = CountingProxy.start(TestS3.endpoint());

  /** Objects larger than this are streamed from S3 instead of cached. */
  protected static final int MAX_ENTRY_BYTES = 1024 * 1024;

  protected static final String INLINE_SECRET_ARN =
      "arn:aws:secretsmanager:us-east-1:000000000000:secret:MediaPackage/inline";
  protected static final String INLINE_SECRET_VALUE = "inline-cdn-identifier-value";

  @Value("${local.server.port}")
  protected int port;

  @DynamicPropertySource
  static void origin(DynamicPropertyRegistry registry) {
    TestS3.createBucket(BUCKET);
    registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    registry.add("openvod.topic-prefix", () -> PREFIX);
    registry.add("openvod.s3.endpoint", () -> S3_PROXY.endpoint().toString());
    registry.add("openvod.access-key-id", () -> TestS3.ACCESS_KEY);
    registry.add("openvod.secret-access-key", () -> TestS3.SECRET_KEY);
    registry.add("openvod.output-bucket", () -> BUCKET);
    registry.add("openvod.secrets.file", SECRETS_FILE::toString);
    registry.add(
        "openvod.secrets.json",
        () ->
            "{\""
                + INLINE_SECRET_ARN
                + "\":{\"MediaPackageCDNIdentifier\":\""
                + INLINE_SECRET_VALUE
                + "\"}}");
    registry.add("openvod.secrets.refresh-interval", () -> "200ms");
    registry.add("openvod.egress-logs.dir", LOG_DIR::toString);
    registry.add("openvod.cache.max-entry-bytes", () -> MAX_ENTRY_BYTES + "B");
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("origin-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One packaging group with one configuration and one asset, all with fresh ids. */
  protected record Published(
      PackagingGroup group,
      ResourceRecord.ConfigurationRecord configuration,
      ResourceRecord.AssetRecord asset) {

    public String assetHex() {
      return asset.assetHex();
    }

    public String configHex() {
      return configuration.configHex();
    }

    public String manifestHex() {
      return configuration.manifestHex();
    }

    /** The request path of a file below this asset's manifest directory. */
    public String path(String file) {
      return EgressLayout.PATH_PREFIX
          + EgressLayout.keyPrefix(assetHex(), configHex(), manifestHex())
          + file;
    }

    public String key(String file) {
      return EgressLayout.keyPrefix(assetHex(), configHex(), manifestHex()) + file;
    }
  }

  protected static String arn(String kind, String id) {
    return "arn:aws:mediapackage-vod:" + REGION + ":" + ACCOUNT + ":" + kind + "/" + id;
  }

  /** Publishes a group, a configuration and an asset to the resources topic (not yet playable). */
  protected Published publishResources(Authorization authorization, EgressAccessLogs logs) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    PackagingGroup group =
        new PackagingGroup(
            "pg-" + suffix,
            arn("packaging-groups", "pg-" + suffix),
            Instant.now().toString(),
            "http://127.0.0.1:" + port,
            authorization,
            logs,
            Map.of());
    PackagingConfiguration config =
        new PackagingConfiguration(
            "cfg-" + suffix,
            arn("packaging-configurations", "cfg-" + suffix),
            Instant.now().toString(),
            group.id(),
            null,
            null,
            null,
            null,
            Map.of());
    Asset asset =
        new Asset(
            "asset-" + suffix,
            arn("assets", "asset-" + suffix),
            Instant.now().toString(),
            group.id(),
            null,
            "arn:aws:s3:::vod-sources/sample.smil",
            "arn:aws:iam::000000000000:role/vod",
            List.of(),
            Map.of());
    Published p =
        new Published(
            group,
            new ResourceRecord.ConfigurationRecord(
                config, EgressLayout.newHexId(), EgressLayout.newHexId()),
            new ResourceRecord.AssetRecord(asset, EgressLayout.newHexId()));
    sendResource(new ResourceRecord.GroupRecord(group));
    sendResource(p.configuration());
    sendResource(p.asset());
    return p;
  }

  protected static void sendResource(ResourceRecord record) {
    TestKafka.send(Topics.RESOURCES.name(PREFIX), record.arn(), Json.writeString(record));
  }

  protected static void tombstone(String arn) {
    TestKafka.send(Topics.RESOURCES.name(PREFIX), arn, null);
  }

  /** Publishes the VodAssetPlayable event of the asset and configuration, naming the manifest. */
  protected void announcePlayable(Published p, String manifestFile) {
    String url = "http://127.0.0.1:" + port + p.path(manifestFile);
    Notification n =
        new Notification(
            "0",
            UUID.randomUUID().toString(),
            Notification.DETAIL_TYPE,
            Notification.SOURCE,
            ACCOUNT,
            Instant.now().toString(),
            REGION,
            List.of(p.asset().arn(), p.configuration().arn()),
            new NotificationDetail(
                Notification.VOD_ASSET_PLAYABLE,
                "Asset '"
                    + p.asset().asset().id()
                    + "' is now playable for PackagingConfiguration '"
                    + p.configuration().configuration().id()
                    + "'",
                p.configuration().configuration().id(),
                List.of(url),
                null));
    TestKafka.send(Topics.NOTIFICATIONS.name(PREFIX), p.asset().asset().id(), Json.writeString(n));
  }

  protected static void putObject(String key, byte[] bytes) {
    try (S3Client s3 = TestS3.client()) {
      s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }
  }

  /** A fully set-up playable asset with the given files uploaded. */
  protected Published playable(
      Authorization authorization, EgressAccessLogs logs, Map<String, byte[]> files) {
    Published p = publishResources(authorization, logs);
    files.forEach((file, bytes) -> putObject(p.key(file), bytes));
    String manifest = files.keySet().iterator().next();
    announcePlayable(p, manifest);
    // with CDN authorization, a servable path answers 403 to a request without the header
    awaitStatus(p.path(manifest), authorization == null ? 200 : 403);
    return p;
  }

  protected RawHttp.Response get(String target, String... headers) {
    return RawHttp.get(port, target, headers);
  }

  protected RawHttp.Response send(String method, String target, String... headers) {
    return RawHttp.send(port, method, target, headers);
  }

  /** Polls until the path answers with the status (the view follows Kafka asynchronously). */
  protected RawHttp.Response awaitStatus(String target, int status, String... headers) {
    return await(target, r -> r.status() == status, "status " + status, headers);
  }

  protected RawHttp.Response await(
      String target, Predicate<RawHttp.Response> done, String what, String... headers) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<Integer> seen = new ArrayList<>();
    RawHttp.Response last = null;
    while (System.nanoTime() < deadline) {
      last = get(target, headers);
      if (done.test(last)) {
        return last;
      }
      seen.add(last.status());
      sleep(50);
    }
    assertThat(last).as("waited for %s on %s; statuses seen %s", what, target, seen).matches(done);
    return last;
  }

  protected static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  protected static byte[] bytes(int length, int seed) {
    byte[] b = new byte[length];
    new java.util.Random(seed).nextBytes(b);
    return b;
  }
}
