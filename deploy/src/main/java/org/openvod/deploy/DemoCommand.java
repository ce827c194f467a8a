package org.openvod.deploy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvod.events.PackageKind;
import org.openvod.events.model.Notification;
import org.openvod.events.model.NotificationDetail;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.mediapackagevod.MediaPackageVodClient;
import software.amazon.awssdk.services.mediapackagevod.model.CreatePackagingGroupResponse;
import software.amazon.awssdk.services.mediapackagevod.model.DescribeAssetResponse;
import software.amazon.awssdk.services.mediapackagevod.model.EgressEndpoint;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ./vod demo}: with the platform up, uploads the bundled sample, creates a packaging group
 * with one configuration of each kind and an asset through the AWS SDK, shows the ingest's
 * notifications as they come and prints the playback URLs. Each run uses new ids.
 */
public final class DemoCommand {

  static final Duration TIMEOUT = Duration.ofMinutes(10);
  static final String SOURCE_PREFIX = "sample/";
  static final String ROLE_ARN = "arn:aws:iam::000000000000:role/local";

  private final Settings settings;
  private final PrintStream out;
  private int shownPercent = -100;

  public DemoCommand(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public int run() {
    if (!Ports.accepts(settings.apiPort())) {
      throw new LaunchException(
          "nothing answers on "
              + settings.apiEndpoint()
              + ": start the platform with ./vod up (in another terminal), then run ./vod demo");
    }
    String bucket = settings.buckets().get(0);
    Path sample = settings.dataDir().resolve("sample");
    SampleMedia.ensure(settings.home().resolve("deploy/sample/generate.sh"), sample, Map.of(), out);
    try (S3Client s3 = S3Server.client(settings)) {
      List<String> keys = SampleMedia.upload(s3, sample, bucket, SOURCE_PREFIX);
      out.printf(
          "vod demo: uploaded the sample (%d files) to s3://%s/%s%n",
          keys.size(), bucket, SOURCE_PREFIX);
    } catch (SdkException e) {
      throw new LaunchException(
          "uploading the sample to " + settings.s3Endpoint() + " failed: " + e.getMessage(), e);
    }
    String run = runId();
    String groupId = "demo-" + run;
    String assetId = "demo-" + run + "-asset";
    String sourceArn = "arn:aws:s3:::" + bucket + "/" + SOURCE_PREFIX + SampleMedia.HLS_MASTER;
    try (MediaPackageVodClient api = ApiClients.mediaPackageVod(settings);
        NotificationFollower follower =
            new NotificationFollower(settings.kafkaBootstrap(), settings.topicPrefix())) {
      CreatePackagingGroupResponse group = api.createPackagingGroup(b -> b.id(groupId));
      out.printf("vod demo: packaging group %s (domain %s)%n", group.id(), group.domainName());
      List<String> configIds = new ArrayList<>();
      for (PackageKind kind : PackageKind.values()) {
        String id = groupId + "-" + kind.name().toLowerCase(Locale.ROOT);
        api.createPackagingConfiguration(PackagingConfigurations.request(kind, id, groupId));
        configIds.add(id);
        out.printf("vod demo:   configuration %s (%s)%n", id, kind);
      }
      long t0 = System.nanoTime();
      api.createAsset(
          b ->
              b.id(assetId).packagingGroupId(groupId).sourceArn(sourceArn).sourceRoleArn(ROLE_ARN));
      out.printf("vod demo: asset %s from %s%n", assetId, sourceArn);
      AssetWatch watch = new AssetWatch(follower, api);
      AssetWatch.Outcome outcome = watch.watch(assetId, configIds, t0, TIMEOUT, this::show);
      return report(watch, assetId, configIds, outcome);
    } catch (SdkException e) {
      throw new LaunchException("the control API refused a request: " + e.getMessage(), e);
    }
  }

  private void show(AssetWatch.TimedNotification timed) {
    Notification n = timed.notification();
    NotificationDetail d = n.detail();
    String event = n.event() == null ? n.detailType() : n.event();
    StringBuilder line =
        new StringBuilder(String.format("  %6.1f s  %-17s", timed.at().toMillis() / 1000.0, event));
    if (d != null && d.percentComplete() != null) {
      // one line per quarter is enough to see it move
      if (d.percentComplete() < 100 && d.percentComplete() < shownPercent + 25) {
        return;
      }
      shownPercent = d.percentComplete();
      line.append(' ').append(d.percentComplete()).append('%');
    }
    if (d != null && d.packagingConfigurationId() != null) {
      line.append(' ').append(d.packagingConfigurationId());
    }
    boolean failure =
        Notification.PACKAGING_FAILED.equals(event) || Notification.INGEST_ERROR.equals(event);
    if (failure && d != null && d.message() != null) {
      line.append(": ").append(d.message());
    }
    out.println(line.toString().stripTrailing());
  }

  private int report(
      AssetWatch watch, String assetId, List<String> configIds, AssetWatch.Outcome outcome) {
    if (outcome.ingestError().isPresent()) {
      out.println("vod demo: ingest failed: " + outcome.ingestError().get());
      out.println("vod demo: see " + settings.logDir().resolve("ingest-worker.log"));
      return 1;
    }
    if (outcome.timedOut()) {
      out.printf(
          "vod demo: not done after %d s (%s); see %s%n",
          TIMEOUT.toSeconds(),
          outcome.statusByConfiguration(),
          settings.logDir().resolve("ingest-worker.log"));
    }
    DescribeAssetResponse asset =
        watch.describeWhenSettled(assetId, configIds.size(), Duration.ofSeconds(15));
    outcome
        .firstPlayable()
        .ifPresent(
            d ->
                out.printf(
                    "vod demo: first configuration playable after %.1f s%n",
                    d.toMillis() / 1000.0));
    out.printf(
        "vod demo: asset %s after %.1f s:%n", assetId, outcome.elapsed().toMillis() / 1000.0);
    boolean allPlayable = asset.hasEgressEndpoints() && !asset.egressEndpoints().isEmpty();
    for (EgressEndpoint e : asset.egressEndpoints()) {
      out.printf("  %-24s %-10s %s%n", e.packagingConfigurationId(), e.status(), e.url());
      allPlayable &= "PLAYABLE".equals(e.status());
    }
    if (allPlayable) {
      // the first configuration created is the HLS one
      String first =
          asset.egressEndpoints().stream()
              .filter(e -> e.packagingConfigurationId().equals(configIds.get(0)))
              .findFirst()
              .orElse(asset.egressEndpoints().get(0))
              .url();
      out.println("Play one:  ffplay " + first);
      out.println("Check it:  ffprobe -v error -show_programs " + first);
      return 0;
    }
    out.println(
        "vod demo: not every configuration is playable; see "
            + settings.logDir().resolve("ingest-worker.log"));
    return 1;
  }

  /** A short id unique per run: seconds since 2020 in base 36 plus two random characters. */
  static String runId() {
    long seconds = System.currentTimeMillis() / 1000 - 1_577_836_800L;
    String random = Long.toString((long) (Math.random() * 1296), 36);
    return Long.toString(seconds, 36) + (random.length() == 1 ? "0" + random : random);
  }
}
