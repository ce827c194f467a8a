package org.openvod.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvod.events.PackageKind;
import org.openvod.events.model.Notification;
import software.amazon.awssdk.services.mediapackagevod.MediaPackageVodClient;
import software.amazon.awssdk.services.mediapackagevod.model.EgressEndpoint;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole platform at once, as {@code ./vod up} runs it: Kafka and S3Proxy, then control-api,
 * manifest-server and ingest-worker as child JVMs from their jars. The sample goes in through the
 * AWS SDK like a user's asset, and what comes out must play like what went in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstAssetEndToEndTest {

  /** Kinds that must become playable (all four since the engine has them). */
  static final Set<PackageKind> REQUIRED = EnumSet.allOf(PackageKind.class);

  /** Kinds ffmpeg can read back (it has no Smooth Streaming demuxer). */
  static final Set<PackageKind> FFMPEG_READABLE =
      EnumSet.of(PackageKind.HLS, PackageKind.CMAF, PackageKind.DASH);

  Path dataDir;
  Settings settings;
  Platform platform;
  Path sample;

  @BeforeAll
  void startThePlatform() throws IOException {
    ServiceJars jars = TestPlatforms.serviceJars();
    sample = TestPlatforms.moduleDir().resolve(TestPlatforms.buildDir()).resolve("e2e-sample");
    SampleMedia.ensure(
        TestPlatforms.moduleDir().resolve("sample/generate.sh"), sample, Map.of(), System.out);
    dataDir = Files.createTempDirectory("vod-e2e");
    settings = TestPlatforms.onFreePorts(dataDir);
    platform = new Platform(settings, System.out);
    platform.checkPorts(true);
    platform.startInfrastructure();
    platform.startServices(jars);
  }

  @AfterAll
  void stopThePlatform() throws IOException {
    if (platform != null) {
      platform.stop();
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void theFirstAssetBecomesPlayableAndPlaysLikeItsSource() throws Exception {
    try (S3Client s3 = S3Server.client(settings)) {
      SampleMedia.upload(s3, sample, "vod-sources", "e2e/");
    }
    String group = "e2e-" + DemoCommand.runId();
    Map<PackageKind, String> configs = new LinkedHashMap<>();
    try (MediaPackageVodClient api = ApiClients.mediaPackageVod(settings);
        NotificationFollower follower =
            new NotificationFollower(settings.kafkaBootstrap(), settings.topicPrefix())) {
      api.createPackagingGroup(b -> b.id(group));
      for (PackageKind kind : PackageKind.values()) {
        String id = group + "-" + kind.name().toLowerCase(Locale.ROOT);
        api.createPackagingConfiguration(PackagingConfigurations.request(kind, id, group));
        configs.put(kind, id);
      }
      String asset = group + "-asset";
      AssetWatch watch = new AssetWatch(follower, api);
      AssetWatch.Outcome outcome =
          ingestTheSample(
              api,
              watch,
              group,
              asset,
              "e2e/",
              List.copyOf(configs.values()),
              e ->
                  System.out.println(
                      "e2e: " + e.at().toMillis() + " ms " + e.notification().event()));

      assertThat(outcome.ingestError()).as("IngestError").isEmpty();
      assertThat(outcome.timedOut())
          .as("done within 120 s: " + outcome.statusByConfiguration())
          .isFalse();
      List<String> playableEvents = new ArrayList<>();
      for (Notification n : outcome.events()) {
        if (Notification.VOD_ASSET_PLAYABLE.equals(n.event())) {
          playableEvents.add(n.detail().packagingConfigurationId());
        }
      }
      for (PackageKind kind : REQUIRED) {
        assertThat(playableEvents).as("VodAssetPlayable for " + kind).contains(configs.get(kind));
      }
      System.out.printf(
          "e2e: first playable after %s, all done after %s%n",
          outcome.firstPlayable().orElse(null), outcome.elapsed());

      Map<String, EgressEndpoint> endpoints = new LinkedHashMap<>();
      watch
          .describeWhenSettled(asset, configs.size(), Duration.ofSeconds(15))
          .egressEndpoints()
          .forEach(e -> endpoints.put(e.packagingConfigurationId(), e));
      MediaProbe.Probe source = MediaProbe.probe(sample.resolve(SampleMedia.HLS_MASTER).toString());
      for (Map.Entry<PackageKind, String> config : configs.entrySet()) {
        PackageKind kind = config.getKey();
        EgressEndpoint endpoint = endpoints.get(config.getValue());
        assertThat(endpoint).as("egress endpoint of " + kind).isNotNull();
        if (REQUIRED.contains(kind)) {
          assertThat(endpoint.status()).as("DescribeAsset status of " + kind).isEqualTo("PLAYABLE");
        }
        if ("PLAYABLE".equals(endpoint.status()) && FFMPEG_READABLE.contains(kind)) {
          assertPlaysLikeTheSource(kind, endpoint.url(), source);
        } else if ("PLAYABLE".equals(endpoint.status()) && kind == PackageKind.MSS) {
          SmoothStreamingCheck.Result mss = SmoothStreamingCheck.check(endpoint.url());
          System.out.println("e2e: MSS " + mss);
          long sourceVideo = source.streams().stream().filter(st -> !st.width().isEmpty()).count();
          assertThat(mss.videoLevels()).as("MSS video quality levels").isEqualTo(sourceVideo);
          assertThat(mss.audioLevels()).as("MSS audio quality levels").isPositive();
          assertThat(mss.durationSeconds())
              .as("MSS duration")
              .isCloseTo(source.duration(), org.assertj.core.data.Offset.offset(0.5));
        }
      }
    }
  }

  @Test
  void encryptedHlsAndDashDecryptWithKeysFromTheBuiltInKeyServer() throws Exception {
    long t00 = System.nanoTime();
    try (S3Client s3 = S3Server.client(settings)) {
      SampleMedia.upload(s3, sample, "vod-sources", "e2e-enc/");
    }
    String group = "e2e-enc-" + DemoCommand.runId();
    System.out.printf("e2e: encrypted test's sample uploaded in %s%n", Platform.since(t00));
    try (MediaPackageVodClient api = ApiClients.mediaPackageVod(settings);
        NotificationFollower follower =
            new NotificationFollower(settings.kafkaBootstrap(), settings.topicPrefix())) {
      api.createPackagingGroup(b -> b.id(group));
      api.createPackagingConfiguration(
          EncryptedPlayback.hlsAes128(group + "-hls-aes", group, settings));
      api.createPackagingConfiguration(
          EncryptedPlayback.dashCenc(group + "-dash-cenc", group, settings));
      api.createPackagingConfiguration(
          PackagingConfigurations.request(PackageKind.DASH, group + "-dash-clear", group));
      String asset = group + "-asset";
      AssetWatch watch = new AssetWatch(follower, api);
      AssetWatch.Outcome outcome =
          ingestTheSample(
              api,
              watch,
              group,
              asset,
              "e2e-enc/",
              List.of(group + "-hls-aes", group + "-dash-cenc", group + "-dash-clear"),
              e -> {});
      assertThat(outcome.ingestError()).as("IngestError").isEmpty();
      assertThat(outcome.allPlayable()).as(outcome.statusByConfiguration().toString()).isTrue();
      System.out.printf(
          "e2e: encrypted HLS and DASH (and clear DASH) playable after %s%n", outcome.elapsed());

      Map<String, String> urls = new LinkedHashMap<>();
      watch
          .describeWhenSettled(asset, 3, Duration.ofSeconds(15))
          .egressEndpoints()
          .forEach(e -> urls.put(e.packagingConfigurationId(), e.url()));
      String source = sample.resolve(SampleMedia.HLS_MASTER).toString();
      long t1 = System.nanoTime();
      EncryptedPlayback.assertHlsDecryptsLikeTheSource(
          urls.get(group + "-hls-aes"), source, settings);
      EncryptedPlayback.assertDashDecryptsLikeTheClearOutput(
          urls.get(group + "-dash-cenc"), urls.get(group + "-dash-clear"), settings);
      System.out.printf("e2e: decrypted and compared in %s%n", Platform.since(t1));
    }
  }

  /**
   * Creates {@code asset} in {@code group} from the sample uploaded under {@code prefix} in
   * vod-sources, and watches it until each configuration is done or 120 s pass.
   */
  private static AssetWatch.Outcome ingestTheSample(
      MediaPackageVodClient api,
      AssetWatch watch,
      String group,
      String asset,
      String prefix,
      List<String> configurationIds,
      Consumer<AssetWatch.TimedNotification> onEvent) {
    long t0 = System.nanoTime();
    api.createAsset(
        b ->
            b.id(asset)
                .packagingGroupId(group)
                .sourceArn("arn:aws:s3:::vod-sources/" + prefix + SampleMedia.HLS_MASTER)
                .sourceRoleArn(DemoCommand.ROLE_ARN));
    return watch.watch(asset, configurationIds, t0, Duration.ofSeconds(120), onEvent);
  }

  @Test
  void aSourceThatIsNotThereEndsInIngestError() {
    String group = "e2e-missing-" + DemoCommand.runId();
    try (MediaPackageVodClient api = ApiClients.mediaPackageVod(settings);
        NotificationFollower follower =
            new NotificationFollower(settings.kafkaBootstrap(), settings.topicPrefix())) {
      api.createPackagingGroup(b -> b.id(group));
      api.createPackagingConfiguration(
          PackagingConfigurations.request(PackageKind.HLS, group + "-hls", group));
      long t0 = System.nanoTime();
      api.createAsset(
          b ->
              b.id(group + "-asset")
                  .packagingGroupId(group)
                  .sourceArn("arn:aws:s3:::vod-sources/nowhere/" + group + "/index.m3u8")
                  .sourceRoleArn(DemoCommand.ROLE_ARN));
      AssetWatch.Outcome outcome =
          new AssetWatch(follower, api)
              .watch(
                  group + "-asset", List.of(group + "-hls"), t0, Duration.ofSeconds(60), e -> {});
      assertThat(outcome.timedOut()).as("an answer within 60 s").isFalse();
      assertThat(outcome.ingestError()).as("IngestError with a message").isPresent();
      System.out.println("e2e: missing source -> IngestError: " + outcome.ingestError().get());
    }
  }

  @Test
  void theDemoPrintsPlaybackUrlsThatPlay() throws Exception {
    // the demo generates the sample only when missing: hand it the one made above
    Path demoSample = dataDir.resolve("sample");
    try (Stream<Path> files = Files.walk(sample)) {
      for (Path file : files.toList()) {
        Path target = demoSample.resolve(sample.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int code = new DemoCommand(settings, new PrintStream(printed, true, UTF_8)).run();
    String output = printed.toString(UTF_8);
    System.out.println(output);

    assertThat(output)
        .contains("IngestStart")
        .contains("VodAssetPlayable")
        .contains("IngestComplete");
    Matcher hls =
        Pattern.compile("demo-\\S+-hls\\s+PLAYABLE\\s+(http://\\S+\\.m3u8)").matcher(output);
    assertThat(hls.find()).as("a PLAYABLE HLS URL in:\n" + output).isTrue();
    MediaProbe.Run demux = MediaProbe.demuxAll(hls.group(1));
    assertThat(demux.exitCode()).as(demux.stderr()).isZero();
    boolean allPlayable = !output.contains("FAILED") && !output.contains("PROCESSING");
    assertThat(code)
        .as("exit code when %s", allPlayable ? "all are playable" : "some failed")
        .isEqualTo(allPlayable ? 0 : 1);
  }

  private static void assertPlaysLikeTheSource(
      PackageKind kind, String url, MediaProbe.Probe source) {
    MediaProbe.Run demux = MediaProbe.demuxAll(url);
    assertThat(demux.exitCode())
        .as(kind + " ffmpeg -c copy of " + url + ": " + demux.stderr())
        .isZero();
    assertThat(demux.stderr()).as(kind + " ffmpeg errors for " + url).isEmpty();
    MediaProbe.Probe output = MediaProbe.probe(url);
    if (kind == PackageKind.HLS) {
      // HLS-TS keeps the source's variants as they are: the same streams, one for one
      assertThat(output.streams())
          .as("streams of " + url)
          .containsExactlyInAnyOrderElementsOf(source.streams());
    } else {
      // fMP4 outputs may share one audio rendition between the variants
      assertThat(Set.copyOf(output.streams()))
          .as("streams of " + url)
          .isEqualTo(Set.copyOf(source.streams()));
    }
    System.out.println("e2e: " + kind + " plays like the source: " + output);
    assertThat(output.duration())
        .as("duration of " + url)
        .isCloseTo(source.duration(), org.assertj.core.data.Offset.offset(0.5));
  }
}
