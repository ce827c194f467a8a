package org.openvod.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.openvod.events.EgressLayout;
import org.openvod.events.Topics;
import org.openvod.events.model.Notification;
import org.openvod.events.testing.TestKafka;
import org.openvod.ingest.testing.Fixtures;
import org.openvod.ingest.testing.NotificationLog;
import org.openvod.ingest.testing.SourceMedia;
import org.openvod.ingest.testing.WorkerInstance;

/** Two workers in one group split the lifecycle partitions, and with them the assets. */
class ScaleOutTest {

  static final String SOURCES = "scale-sources";

  @Test
  void twoWorkersShareTheAssets() throws Exception {
    String prefix = TestKafka.uniquePrefix();
    String sourceArn = "arn:aws:s3:::" + SOURCES + "/" + SourceMedia.upload(SOURCES, "s/");
    NotificationLog log = new NotificationLog(prefix);
    int partitions = Topics.ASSET_LIFECYCLE.partitions();
    try (WorkerInstance a =
            WorkerInstance.start(prefix, SOURCES, "scale-output", Map.of()).awaitAssignment();
        WorkerInstance b =
            WorkerInstance.start(prefix, SOURCES, "scale-output", Map.of()).awaitAssignment()) {
      // adding b moved some partitions off a: together they own every partition, once
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (a.consumer().assignment().size() + b.consumer().assignment().size() != partitions
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Set<TopicPartition> all = new HashSet<>(a.consumer().assignment());
      all.addAll(b.consumer().assignment());
      assertThat(all).hasSize(partitions);
      assertThat(a.consumer().assignment()).doesNotContainAnyElementsOf(b.consumer().assignment());

      // two assets in a partition of each worker: both workers must package
      List<String> assets = new ArrayList<>();
      for (Set<TopicPartition> owned :
          List.of(a.consumer().assignment(), b.consumer().assignment())) {
        for (int found = 0; found < 2; ) {
          String id = Fixtures.newId("scale");
          int partition =
              Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
          if (owned.stream().anyMatch(tp -> tp.partition() == partition)) {
            assets.add(id);
            found++;
          }
        }
      }
      for (String id : assets) {
        String hex = EgressLayout.newHexId();
        log.send(
            Fixtures.created(
                Fixtures.asset(id, sourceArn, null),
                hex,
                List.of(Fixtures.target(hex, Fixtures.hls(Fixtures.newId("cfg"), false)))));
      }
      for (String id : assets) {
        assertThat(NotificationLog.events(log.awaitEnds(id, 1)))
            .containsExactly(
                Notification.INGEST_START,
                Notification.PACKAGING_STARTED,
                Notification.VOD_ASSET_PLAYABLE,
                Notification.INGEST_COMPLETE);
      }
      // completions are counted when committed, just after the last notification is acknowledged
      deadline = System.nanoTime() + 10_000_000_000L;
      while (a.consumer().completedRecords() + b.consumer().completedRecords() < assets.size()
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(a.consumer().completedRecords()).isEqualTo(2);
      assertThat(b.consumer().completedRecords()).isEqualTo(2);
    }
  }
}
