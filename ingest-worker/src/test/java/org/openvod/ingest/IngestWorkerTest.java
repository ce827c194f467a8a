package org.openvod.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.events.EgressLayout;
import org.openvod.events.Json;
import org.openvod.events.model.Asset;
import org.openvod.events.model.DeadLetter;
import org.openvod.events.model.LifecycleEvent;
import org.openvod.events.model.Notification;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.PackagingTarget;
import org.openvod.events.testing.TestKafka;
import org.openvod.ingest.notify.NotificationFactory;
import org.openvod.ingest.speke.TestKeyServer;
import org.openvod.ingest.testing.Fixtures;
import org.openvod.ingest.testing.NotificationLog;
import org.openvod.ingest.testing.OutputBucket;
import org.openvod.ingest.testing.SourceMedia;
import org.openvod.ingest.testing.WorkerInstance;

/** One real worker against the real Kafka broker and S3 server, driven by lifecycle records. */
class IngestWorkerTest {

  static final String SOURCES = "iw-sources";
  static final String OUTPUT = "iw-output";
  static String prefix;
  static WorkerInstance worker;
  static NotificationLog log;
  static OutputBucket output = new OutputBucket(OUTPUT);
  static String sourceKey;

  @BeforeAll
  static void start() throws Exception {
    prefix = TestKafka.uniquePrefix();
    sourceKey = SourceMedia.upload(SOURCES, "titles/first/");
    worker = WorkerInstance.start(prefix, SOURCES, OUTPUT, Map.of()).awaitAssignment();
    log = new NotificationLog(prefix);
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  static String sourceArn(String bucket, String key) {
    return "arn:aws:s3:::" + bucket + "/" + key;
  }

  @Test
  void hlsAssetBecomesPlayableWithNotificationsInOrder() throws Exception {
    String assetId = Fixtures.newId("hls");
    String assetHex = EgressLayout.newHexId();
    Asset asset = Fixtures.asset(assetId, sourceArn(SOURCES, sourceKey), "arn:aws:iam::1:role/r");
    PackagingConfiguration config = Fixtures.hls(Fixtures.newId("cfg"), false);
    PackagingTarget target = Fixtures.target(assetHex, config);
    LifecycleEvent.AssetCreated event = Fixtures.created(asset, assetHex, List.of(target));

    log.send(event);
    List<Notification> n = log.awaitEnds(assetId, 1);

    assertThat(NotificationLog.events(n))
        .containsExactly(
            Notification.INGEST_START,
            Notification.PACKAGING_STARTED,
            Notification.VOD_ASSET_PLAYABLE,
            Notification.INGEST_COMPLETE);
    Notification playable =
        n.stream().filter(x -> x.event().equals("VodAssetPlayable")).findFirst().get();
    assertThat(playable.version()).isEqualTo("0");
    assertThat(playable.detailType()).isEqualTo(Notification.DETAIL_TYPE);
    assertThat(playable.source()).isEqualTo("aws.mediapackage");
    assertThat(playable.account()).isEqualTo("000000000000");
    assertThat(playable.region()).isEqualTo("us-east-1");
    assertThat(playable.time()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(playable.resources()).containsExactly(asset.arn(), config.arn());
    assertThat(playable.detail().message())
        .isEqualTo(
            "Asset '"
                + assetId
                + "' is now playable for PackagingConfiguration '"
                + config.id()
                + "'");
    assertThat(playable.detail().packagingConfigurationId()).isEqualTo(config.id());
    assertThat(playable.detail().manifestUrls()).containsExactly(target.url());
    assertThat(playable.id())
        .isEqualTo(NotificationFactory.id(event.eventId(), "VodAssetPlayable", config.id(), null));
    List<Integer> percents =
        n.stream()
            .filter(x -> x.event().equals(Notification.INGEST_PROGRESS))
            .map(x -> x.detail().percentComplete())
            .toList();
    assertThat(percents).isNotEmpty().isSorted().allMatch(p -> p >= 5 && p < 100);
    for (int i = 1; i < percents.size(); i++) {
      assertThat(percents.get(i) - percents.get(i - 1)).isGreaterThanOrEqualTo(5);
    }
    Notification started = n.get(1);
    assertThat(started.detailType()).isEqualTo(Notification.EXTENSION_DETAIL_TYPE);
    assertThat(started.detail().packagingConfigurationId()).isEqualTo(config.id());
    assertThat(n.get(0).resources()).containsExactly(asset.arn());
    assertThat(n.get(n.size() - 1).detail().message()).isEqualTo("Ingest Completed");

    // the stored manifest plays: ffmpeg reads every segment it names
    String keyPrefix = target.keyPrefix(assetHex);
    assertThat(output.contentType(keyPrefix + "index.m3u8"))
        .isIn("application/vnd.apple.mpegurl", "application/x-mpegURL");
    Path copy = output.download(keyPrefix);
    SourceMedia.decodes(copy, "index.m3u8");
    String tsKey =
        output.digests(keyPrefix).keySet().stream()
            .filter(k -> k.endsWith(".ts"))
            .findFirst()
            .orElseThrow();
    assertThat(output.contentType(tsKey)).isEqualTo("video/MP2T");

    String metrics = worker.get("/actuator/prometheus");
    assertThat(metrics).contains("openvod_ingest_jobs_total{outcome=\"done\"");
    assertThat(metrics).contains("openvod_ingest_output_written_bytes_total");
    assertThat(metrics).contains("openvod_ingest_stage_seconds_count{stage=\"package\"");
    assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max");
    assertThat(worker.get("/actuator/health")).contains("\"status\":\"UP\"");
  }

  @Test
  void everyPackageKindIsPackagedInOnePassAndStoredWithItsContentType() throws Exception {
    String assetId = Fixtures.newId("kinds");
    String assetHex = EgressLayout.newHexId();
    PackagingTarget cmaf = Fixtures.target(assetHex, Fixtures.cmaf(Fixtures.newId("cmaf")));
    PackagingTarget dash = Fixtures.target(assetHex, Fixtures.dash(Fixtures.newId("dash")));
    PackagingTarget mss = Fixtures.target(assetHex, Fixtures.mss(Fixtures.newId("mss")));
    log.send(
        Fixtures.created(
            Fixtures.asset(assetId, sourceArn(SOURCES, sourceKey), null),
            assetHex,
            List.of(cmaf, dash, mss)));

    List<Notification> n = log.awaitEnds(assetId, 1);
    assertThat(n)
        .filteredOn(x -> x.event().equals(Notification.VOD_ASSET_PLAYABLE))
        .extracting(x -> x.detail().manifestUrls().get(0))
        .containsExactlyInAnyOrder(cmaf.url(), dash.url(), mss.url());
    assertThat(cmaf.url()).endsWith("/index.m3u8");
    assertThat(output.contentType(cmaf.keyPrefix(assetHex) + "index.m3u8"))
        .isEqualTo("application/vnd.apple.mpegurl");
    assertThat(output.contentType(dash.keyPrefix(assetHex) + "index.mpd"))
        .isEqualTo("application/dash+xml");
    assertThat(output.contentType(mss.keyPrefix(assetHex) + "index.ism/Manifest"))
        .isEqualTo("text/xml");
    for (String key : output.digests(assetHex + "/").keySet()) {
      if (key.endsWith(".mp4") || key.endsWith(".m4s") || key.contains("/Fragments(")) {
        boolean audio = key.contains("/audio") || key.contains("Fragments(audio");
        assertThat(output.contentType(key)).as(key).isEqualTo(audio ? "audio/mp4" : "video/mp4");
      }
    }
    SourceMedia.decodes(output.download(dash.keyPrefix(assetHex)), "index.mpd");
    SourceMedia.decodes(output.download(cmaf.keyPrefix(assetHex)), "index.m3u8");
  }

  @Test
  void missingSourceEndsInIngestErrorNamingTheKeyAndTheNextAssetStillWorks() throws Exception {
    String missing = "titles/nothing-here/master.m3u8";
    String badId = Fixtures.newId("missing");
    String assetHex = EgressLayout.newHexId();
    PackagingConfiguration config = Fixtures.hls(Fixtures.newId("cfg"), false);
    log.send(
        Fixtures.created(
            Fixtures.asset(badId, sourceArn(SOURCES, missing), null),
            assetHex,
            List.of(Fixtures.target(assetHex, config))));
    String goodId = Fixtures.newId("after-missing");
    String goodHex = EgressLayout.newHexId();
    log.send(
        Fixtures.created(
            Fixtures.asset(goodId, sourceArn(SOURCES, sourceKey), null),
            goodHex,
            List.of(Fixtures.target(goodHex, config))));

    List<Notification> bad = log.awaitEnds(badId, 1);
    assertThat(NotificationLog.events(bad))
        .containsExactly(
            Notification.INGEST_START, Notification.PACKAGING_FAILED, Notification.INGEST_ERROR);
    assertThat(bad.get(2).detail().message()).contains(missing).contains("does not exist");
    assertThat(bad.get(1).detail().packagingConfigurationId()).isEqualTo(config.id());
    assertThat(output.count(assetHex + "/")).isZero();
    assertThat(worker.get("/actuator/prometheus"))
        .contains("openvod_ingest_failures_total{reason=\"MISSING_SOURCE\"");

    assertThat(NotificationLog.events(log.awaitEnds(goodId, 1)))
        .endsWith(Notification.VOD_ASSET_PLAYABLE, Notification.INGEST_COMPLETE);
  }

  @Test
  void bucketOutsideTheAllowListIsRefused() {
    String assetId = Fixtures.newId("foreign");
    String assetHex = EgressLayout.newHexId();
    log.send(
        Fixtures.created(
            Fixtures.asset(assetId, sourceArn("somebody-elses-bucket", sourceKey), null),
            assetHex,
            List.of(Fixtures.target(assetHex, Fixtures.hls(Fixtures.newId("cfg"), false)))));
    List<Notification> n = log.awaitEnds(assetId, 1);
    assertThat(NotificationLog.events(n)).last().isEqualTo(Notification.INGEST_ERROR);
    assertThat(n.get(n.size() - 1).detail().message())
        .contains("somebody-elses-bucket")
        .contains("allow-list");
  }

  @Test
  void aKeyServerThatRefusesOrAnswersGarbageFailsItsConfigurationWithAnIngestError()
      throws Exception {
    String assetId = Fixtures.newId("enc");
    String assetHex = EgressLayout.newHexId();
    try (TestKeyServer keys = new TestKeyServer()) {
      PackagingTarget clear =
          Fixtures.target(assetHex, Fixtures.hls(Fixtures.newId("clear"), false));
      PackagingTarget refused =
          Fixtures.target(
              assetHex, Fixtures.hls(Fixtures.newId("refused"), keys.uri("/forbidden").toString()));
      PackagingTarget garbage =
          Fixtures.target(
              assetHex,
              Fixtures.dash(Fixtures.newId("garbage"), keys.uri("/malformed").toString()));
      log.send(
          Fixtures.created(
              Fixtures.asset(assetId, sourceArn(SOURCES, sourceKey), null),
              assetHex,
              List.of(refused, clear, garbage)));

      List<Notification> n = log.awaitEnds(assetId, 1);
      Map<String, String> failures = new java.util.HashMap<>();
      n.stream()
          .filter(x -> x.event().equals(Notification.PACKAGING_FAILED))
          .forEach(x -> failures.put(x.detail().packagingConfigurationId(), x.detail().message()));
      assertThat(failures.get(refused.configuration().id()))
          .contains("403")
          .contains("User is not authorized to access this resource");
      assertThat(failures.get(garbage.configuration().id()))
          .contains("malformed key server answer");
      assertThat(n)
          .filteredOn(x -> x.event().equals(Notification.VOD_ASSET_PLAYABLE))
          .extracting(x -> x.detail().packagingConfigurationId())
          .containsExactly(clear.configuration().id());
      Notification last = n.get(n.size() - 1);
      assertThat(last.event()).isEqualTo(Notification.INGEST_ERROR);
      assertThat(last.detail().message())
          .contains(refused.configuration().id())
          .contains("User is not authorized to access this resource")
          .contains(garbage.configuration().id())
          .contains("malformed key server answer");
      assertThat(output.count(refused.keyPrefix(assetHex))).isZero();
      assertThat(output.count(garbage.keyPrefix(assetHex))).isZero();
      SourceMedia.decodes(output.download(clear.keyPrefix(assetHex)), "index.m3u8");
      assertThat(worker.get("/actuator/prometheus"))
          .contains("openvod_ingest_failures_total{reason=\"KEY_PROVIDER\"");
    }
  }

  @Test
  void garbageGoesToTheDeadLetterTopicAndTheWorkerGoesOn() {
    String key = Fixtures.newId("garbage");
    var stored = log.send(key, "{this is not json");
    String assetId = Fixtures.newId("after-garbage");
    String assetHex = EgressLayout.newHexId();
    log.send(
        Fixtures.created(
            Fixtures.asset(assetId, sourceArn(SOURCES, sourceKey), null),
            assetHex,
            List.of(Fixtures.target(assetHex, Fixtures.hls(Fixtures.newId("cfg"), false)))));

    var letters =
        log.deadLetters(Duration.ofSeconds(30), r -> r.stream().anyMatch(x -> key.equals(x.key())));
    DeadLetter letter =
        letters.stream()
            .filter(x -> key.equals(x.key()))
            .map(x -> Json.read(x.value(), DeadLetter.class))
            .findFirst()
            .orElseThrow();
    assertThat(letter.value()).isEqualTo("{this is not json");
    assertThat(letter.cause()).contains("unparseable");
    assertThat(letter.offset()).isEqualTo(stored.offset());
    assertThat(letter.partition()).isEqualTo(stored.partition());
    assertThat(NotificationLog.events(log.awaitEnds(assetId, 1)))
        .last()
        .isEqualTo(Notification.INGEST_COMPLETE);
  }

  @Test
  void redeliveryRepeatsTheSameNotificationIdsAndTheSameBytes() {
    String assetId = Fixtures.newId("again");
    String assetHex = EgressLayout.newHexId();
    LifecycleEvent.AssetCreated event =
        Fixtures.created(
            Fixtures.asset(assetId, sourceArn(SOURCES, sourceKey), null),
            assetHex,
            List.of(Fixtures.target(assetHex, Fixtures.hls(Fixtures.newId("cfg"), false))));
    log.send(event);
    List<Notification> first = log.awaitEnds(assetId, 1);
    Map<String, String> bytes = output.digests(assetHex + "/");
    assertThat(bytes).isNotEmpty();
    try (var s3 = org.openvod.events.testing.TestS3.client()) {
      bytes.keySet().forEach(k -> s3.deleteObject(b -> b.bucket(OUTPUT).key(k)));
    }

    log.send(event); // the same record again, as after a crash before the commit
    List<Notification> both = log.awaitEnds(assetId, 2);
    List<Notification> second = both.subList(first.size(), both.size());
    assertThat(
            second.stream()
                .filter(x -> !x.event().equals(Notification.INGEST_PROGRESS))
                .map(Notification::id))
        .containsExactlyElementsOf(
            first.stream()
                .filter(x -> !x.event().equals(Notification.INGEST_PROGRESS))
                .map(Notification::id)
                .toList());
    assertThat(output.digests(assetHex + "/")).isEqualTo(bytes);
  }

  @Test
  void configurationAddedThenDeletedThenAssetDeleted() throws Exception {
    String assetId = Fixtures.newId("cfgs");
    String assetHex = EgressLayout.newHexId();
    Asset asset = Fixtures.asset(assetId, sourceArn(SOURCES, sourceKey), null);
    PackagingTarget first = Fixtures.target(assetHex, Fixtures.hls(Fixtures.newId("first"), false));
    log.send(Fixtures.created(asset, assetHex, List.of(first)));
    log.awaitEnds(assetId, 1);

    PackagingTarget added = Fixtures.target(assetHex, Fixtures.hls(Fixtures.newId("added"), false));
    log.send(
        new LifecycleEvent.ConfigurationAdded(
            java.util.UUID.randomUUID().toString(), asset, assetHex, added));
    List<Notification> n = log.awaitEnds(assetId, 2);
    List<Notification> second =
        n.subList(
            n.indexOf(n.stream().filter(x -> x.event().equals("IngestComplete")).findFirst().get())
                + 1,
            n.size());
    assertThat(NotificationLog.events(second))
        .containsExactly(
            Notification.INGEST_START,
            Notification.PACKAGING_STARTED,
            Notification.VOD_ASSET_PLAYABLE,
            Notification.INGEST_COMPLETE);
    assertThat(second)
        .filteredOn(x -> x.event().equals(Notification.VOD_ASSET_PLAYABLE))
        .extracting(x -> x.detail().packagingConfigurationId())
        .containsExactly(added.configuration().id());
    assertThat(output.count(added.keyPrefix(assetHex))).isPositive();

    log.send(
        new LifecycleEvent.ConfigurationDeleted(
            java.util.UUID.randomUUID().toString(),
            assetId,
            assetHex,
            added.configuration().id(),
            added.configHex(),
            added.manifestHex()));
    assertThat(output.awaitEmpty(added.keyPrefix(assetHex), 20_000)).isTrue();
    assertThat(output.count(first.keyPrefix(assetHex))).isPositive();

    log.send(
        new LifecycleEvent.AssetDeleted(
            java.util.UUID.randomUUID().toString(), assetId, asset.arn(), assetHex));
    assertThat(output.awaitEmpty(assetHex + "/", 20_000)).isTrue();
  }
}
