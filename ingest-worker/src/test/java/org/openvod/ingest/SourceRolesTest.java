package org.openvod.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.events.EgressLayout;
import org.openvod.events.model.Notification;
import org.openvod.events.testing.TestKafka;
import org.openvod.events.testing.TestS3;
import org.openvod.ingest.testing.Fixtures;
import org.openvod.ingest.testing.NotificationLog;
import org.openvod.ingest.testing.SourceMedia;
import org.openvod.ingest.testing.WorkerInstance;

/** A worker with source roles configured reads sources only through a role it knows. */
class SourceRolesTest {

  static final String SOURCES = "roles-sources";
  static final String GOOD = "arn:aws:iam::000000000000:role/vod-source";
  static final String WRONG_KEYS = "arn:aws:iam::000000000000:role/stale-keys";
  static WorkerInstance worker;
  static NotificationLog log;
  static String sourceArn;

  @BeforeAll
  static void start() throws Exception {
    String prefix = TestKafka.uniquePrefix();
    sourceArn = "arn:aws:s3:::" + SOURCES + "/" + SourceMedia.upload(SOURCES, "r/");
    worker =
        WorkerInstance.start(
                prefix,
                SOURCES,
                "roles-output",
                Map.of(
                    "openvod.sources.roles[" + GOOD + "]",
                    TestS3.ACCESS_KEY + ":" + TestS3.SECRET_KEY,
                    "openvod.sources.roles[" + WRONG_KEYS + "]",
                    "nobody:nothing"))
            .awaitAssignment();
    log = new NotificationLog(prefix);
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  String ingest(String roleArn) {
    String assetId = Fixtures.newId("role");
    String assetHex = EgressLayout.newHexId();
    log.send(
        Fixtures.created(
            Fixtures.asset(assetId, sourceArn, roleArn),
            assetHex,
            List.of(Fixtures.target(assetHex, Fixtures.hls(Fixtures.newId("cfg"), false)))));
    return assetId;
  }

  static Notification last(List<Notification> n) {
    return n.get(n.size() - 1);
  }

  @Test
  void unknownOrMissingRoleIsRefusedClearly() {
    String unknown = ingest("arn:aws:iam::000000000000:role/not-configured");
    String none = ingest(null);
    Notification error = last(log.awaitEnds(unknown, 1));
    assertThat(error.event()).isEqualTo(Notification.INGEST_ERROR);
    assertThat(error.detail().message())
        .contains("arn:aws:iam::000000000000:role/not-configured")
        .contains("not a role this worker can assume");
    assertThat(last(log.awaitEnds(none, 1)).detail().message()).contains("no sourceRoleArn");
  }

  @Test
  void roleWhoseKeysTheStoreRejectsEndsInAccessDenied() {
    Notification error = last(log.awaitEnds(ingest(WRONG_KEYS), 1));
    assertThat(error.event()).isEqualTo(Notification.INGEST_ERROR);
    assertThat(error.detail().message()).contains("denied (403)");
  }

  @Test
  void knownRoleReadsTheSource() {
    List<Notification> n = log.awaitEnds(ingest(GOOD), 1);
    assertThat(NotificationLog.events(n))
        .containsExactly(
            Notification.INGEST_START,
            Notification.PACKAGING_STARTED,
            Notification.VOD_ASSET_PLAYABLE,
            Notification.INGEST_COMPLETE);
  }
}
