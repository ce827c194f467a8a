package org.openvod.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.openvod.events.EgressLayout;
import org.openvod.events.model.Asset;
import org.openvod.events.model.LifecycleEvent;
import org.openvod.events.model.Notification;
import org.openvod.events.model.PackagingTarget;
import org.openvod.events.testing.TestKafka;
import org.openvod.events.testing.TestS3;
import org.openvod.ingest.testing.FaultyS3Proxy;
import org.openvod.ingest.testing.Fixtures;
import org.openvod.ingest.testing.NotificationLog;
import org.openvod.ingest.testing.OutputBucket;
import org.openvod.ingest.testing.SourceMedia;
import org.openvod.ingest.testing.WorkerInstance;

/** Workers behind a misbehaving S3, and a delete that arrives while the asset is packaged. */
class FaultToleranceTest {

  static final String SOURCES = "fault-sources";

  @Test
  void s3AnsweringServiceUnavailableForAShareOfRequestsStillEndsPlayable() throws Exception {
    String prefix = TestKafka.uniquePrefix();
    String sourceArn = "arn:aws:s3:::" + SOURCES + "/" + SourceMedia.upload(SOURCES, "f/");
    OutputBucket output = new OutputBucket("fault-output");
    TestS3.createBucket("fault-output");
    try (FaultyS3Proxy proxy = new FaultyS3Proxy(TestS3.endpoint(), 0.3, 0.05, 42);
        WorkerInstance worker =
            WorkerInstance.start(
                    prefix,
                    SOURCES,
                    "fault-output",
                    Map.of("openvod.s3.endpoint", proxy.endpoint()))
                .awaitAssignment()) {
      NotificationLog log = new NotificationLog(prefix);
      String assetId = Fixtures.newId("faulty");
      String assetHex = EgressLayout.newHexId();
      PackagingTarget target =
          Fixtures.target(assetHex, Fixtures.hls(Fixtures.newId("cfg"), false));
      log.send(
          Fixtures.created(Fixtures.asset(assetId, sourceArn, null), assetHex, List.of(target)));

      List<Notification> n = log.awaitEnds(assetId, 1);
      assertThat(NotificationLog.events(n))
          .containsExactly(
              Notification.INGEST_START,
              Notification.PACKAGING_STARTED,
              Notification.VOD_ASSET_PLAYABLE,
              Notification.INGEST_COMPLETE);
      assertThat(proxy.faults()).isPositive();
      assertThat(proxy.requests()).isGreaterThan(proxy.faults());
      Path copy = output.download(target.keyPrefix(assetHex));
      SourceMedia.decodes(copy, "index.m3u8");
    }
  }

  @Test
  void deleteWhilePackagingStopsTheJobAndRemovesTheOutputs() throws Exception {
    String prefix = TestKafka.uniquePrefix();
    String sourceArn = "arn:aws:s3:::" + SOURCES + "/" + SourceMedia.upload(SOURCES, "d/");
    OutputBucket output = new OutputBucket("delete-output");
    // the job stores one file, then its next write hangs for 4 s: the delete lands mid-job
    try (FaultyS3Proxy slow =
            new FaultyS3Proxy(TestS3.endpoint(), 0, 0, 7).holdWritesAfter(1, 4000);
        WorkerInstance worker =
            WorkerInstance.start(
                    prefix,
                    SOURCES,
                    "delete-output",
                    Map.of("openvod.s3.endpoint", slow.endpoint()))
                .awaitAssignment()) {
      NotificationLog log = new NotificationLog(prefix);
      String assetId = Fixtures.newId("doomed");
      String assetHex = EgressLayout.newHexId();
      Asset asset = Fixtures.asset(assetId, sourceArn, null);
      log.send(
          Fixtures.created(
              asset,
              assetHex,
              List.of(Fixtures.target(assetHex, Fixtures.hls(Fixtures.newId("cfg"), false)))));
      awaitHeldWrite(slow);
      assertThat(output.count(assetHex + "/")).isEqualTo(1); // stored before the hold

      RecordMetadata delete =
          log.send(
              new LifecycleEvent.AssetDeleted(
                  UUID.randomUUID().toString(), assetId, asset.arn(), assetHex));
      awaitCommitted(prefix + "ingest-worker", delete);

      assertThat(output.count(assetHex + "/")).isZero();
      List<String> events =
          NotificationLog.events(log.await(assetId, Duration.ofSeconds(1), n -> false));
      assertThat(events).contains(Notification.INGEST_START, Notification.PACKAGING_STARTED);
      assertThat(events)
          .doesNotContain(
              Notification.VOD_ASSET_PLAYABLE,
              Notification.INGEST_COMPLETE,
              Notification.INGEST_ERROR);
    }
  }

  @Test
  void aWorkerStoppedMidJobLosesNothingTheNextOneRedoesTheAsset() throws Exception {
    String prefix = TestKafka.uniquePrefix();
    String sourceArn = "arn:aws:s3:::" + SOURCES + "/" + SourceMedia.upload(SOURCES, "h/");
    OutputBucket output = new OutputBucket("handover-output");
    NotificationLog log = new NotificationLog(prefix);
    String assetId = Fixtures.newId("handover");
    String assetHex = EgressLayout.newHexId();
    PackagingTarget target = Fixtures.target(assetHex, Fixtures.hls(Fixtures.newId("cfg"), false));
    try (FaultyS3Proxy slow =
        new FaultyS3Proxy(TestS3.endpoint(), 0, 0, 11).holdWritesAfter(1, 4000)) {
      WorkerInstance first =
          WorkerInstance.start(
                  prefix,
                  SOURCES,
                  "handover-output",
                  Map.of("openvod.s3.endpoint", slow.endpoint()))
              .awaitAssignment();
      try {
        log.send(
            Fixtures.created(Fixtures.asset(assetId, sourceArn, null), assetHex, List.of(target)));
        awaitHeldWrite(slow);
      } finally {
        first.close(); // mid-job: the record was not committed
      }
    }
    List<Notification> before = log.await(assetId, Duration.ofSeconds(1), n -> false);
    assertThat(NotificationLog.events(before)).doesNotContain(Notification.INGEST_COMPLETE);

    try (WorkerInstance second =
        WorkerInstance.start(prefix, SOURCES, "handover-output", Map.of())) {
      List<Notification> all = log.awaitEnds(assetId, 1);
      List<Notification> redone = all.subList(before.size(), all.size());
      assertThat(NotificationLog.events(redone))
          .containsExactly(
              Notification.INGEST_START,
              Notification.PACKAGING_STARTED,
              Notification.VOD_ASSET_PLAYABLE,
              Notification.INGEST_COMPLETE);
      // the same lifecycle event, so the same ids: consumers drop the repeats
      assertThat(redone.get(0).id()).isEqualTo(before.get(0).id());
      Path copy = output.download(target.keyPrefix(assetHex));
      SourceMedia.decodes(copy, "index.m3u8");
    }
  }

  /** Waits until the job is stuck in its second write: in the middle of storing its outputs. */
  static void awaitHeldWrite(FaultyS3Proxy proxy) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (proxy.heldWrites() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(proxy.heldWrites()).isPositive();
  }

  /** Waits until the group committed past {@code record}: the worker finished with it. */
  static void awaitCommitted(String group, RecordMetadata record) throws Exception {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, OffsetAndMetadata> offsets =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata committed = offsets.get(tp);
        if (committed != null && committed.offset() > record.offset()) {
          return;
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the worker did not commit past " + record);
  }
}
