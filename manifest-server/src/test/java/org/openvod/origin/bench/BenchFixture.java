package org.openvod.origin.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openvod.events.EgressLayout;
import org.openvod.events.Json;
import org.openvod.events.TopicProvisioner;
import org.openvod.events.Topics;
import org.openvod.events.model.Asset;
import org.openvod.events.model.Notification;
import org.openvod.events.model.NotificationDetail;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.PackagingGroup;
import org.openvod.events.model.ResourceRecord;
import org.openvod.events.testing.TestKafka;
import org.openvod.events.testing.TestS3;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The benchmark's backing services (bench/origin/run.sh; not a test): starts the harness's Kafka
 * broker and S3 server, uploads a directory of packaged files as one playable asset, publishes its
 * group, configuration, asset and VodAssetPlayable, writes the settings the origin needs to an env
 * file, then stays up until killed.
 *
 * <p>Arguments: {@code <content dir> <env file to write>}.
 */
public final class BenchFixture {

  private BenchFixture() {}

  public static void main(String[] args) throws Exception {
    Path content = Path.of(args[0]);
    Path envFile = Path.of(args[1]);
    String prefix = "bench.";
    String bucket = "vod-output";
    String bootstrap = TestKafka.bootstrapServers();
    TopicProvisioner.ensureTopics(bootstrap, prefix, (short) 1);
    TestS3.createBucket(bucket);

    String assetHex = EgressLayout.newHexId();
    String configHex = EgressLayout.newHexId();
    String manifestHex = EgressLayout.newHexId();
    String keyPrefix = EgressLayout.keyPrefix(assetHex, configHex, manifestHex);
    try (S3Client s3 = TestS3.client();
        Stream<Path> files = Files.walk(content)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String key = keyPrefix + content.relativize(f).toString().replace('\\', '/');
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(f));
      }
    }

    String arnBase = "arn:aws:mediapackage-vod:us-east-1:000000000000:";
    PackagingGroup group =
        new PackagingGroup(
            "bench", arnBase + "packaging-groups/bench", now(), null, null, null, Map.of());
    PackagingConfiguration config =
        new PackagingConfiguration(
            "bench-hls",
            arnBase + "packaging-configurations/bench-hls",
            now(),
            "bench",
            null,
            null,
            null,
            null,
            Map.of());
    Asset asset =
        new Asset(
            "bench-asset",
            arnBase + "assets/bench-asset",
            now(),
            "bench",
            null,
            "arn:aws:s3:::vod-sources/bench.mp4",
            "arn:aws:iam::000000000000:role/vod",
            List.of(),
            Map.of());
    send(Topics.RESOURCES.name(prefix), group.arn(), new ResourceRecord.GroupRecord(group));
    send(
        Topics.RESOURCES.name(prefix),
        config.arn(),
        new ResourceRecord.ConfigurationRecord(config, configHex, manifestHex));
    send(
        Topics.RESOURCES.name(prefix),
        asset.arn(),
        new ResourceRecord.AssetRecord(asset, assetHex));
    String manifestUrl = "http://127.0.0.1/out/v1/" + keyPrefix + "index.m3u8";
    send(
        Topics.NOTIFICATIONS.name(prefix),
        asset.id(),
        new Notification(
            "0",
            "bench-playable",
            Notification.DETAIL_TYPE,
            Notification.SOURCE,
            "000000000000",
            now(),
            "us-east-1",
            List.of(asset.arn(), config.arn()),
            new NotificationDetail(
                Notification.VOD_ASSET_PLAYABLE,
                "Asset 'bench-asset' is now playable for PackagingConfiguration 'bench-hls'",
                config.id(),
                List.of(manifestUrl),
                null)));

    Files.writeString(
        envFile,
        "export VOD_KAFKA_BOOTSTRAP="
            + bootstrap
            + "\nexport VOD_TOPIC_PREFIX="
            + prefix
            + "\nexport VOD_S3_ENDPOINT="
            + TestS3.endpoint()
            + "\nexport VOD_OUTPUT_BUCKET="
            + bucket
            + "\nexport VOD_ACCESS_KEY_ID="
            + TestS3.ACCESS_KEY
            + "\nexport VOD_SECRET_ACCESS_KEY="
            + TestS3.SECRET_KEY
            + "\nexport BENCH_PATH_PREFIX=/out/v1/"
            + keyPrefix
            + "\n");
    System.out.println("bench fixture ready: " + envFile);
    Thread.currentThread().join();
  }

  private static void send(String topic, String key, Object value) {
    TestKafka.send(topic, key, Json.writeString(value));
  }

  private static String now() {
    return Instant.now().toString();
  }
}
