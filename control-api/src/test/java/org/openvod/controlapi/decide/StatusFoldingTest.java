package org.openvod.controlapi.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.events.model.EgressEndpoint;
import org.openvod.events.model.Notification;

class StatusFoldingTest {

  private static EgressEndpoint e(String config, String status) {
    return new EgressEndpoint(config, "u-" + config, status);
  }

  private static String next(String status, String event) {
    return StatusFolding.next(e("c", status), event, "c");
  }

  @Test
  void perConfigurationEvents() {
    assertThat(next("QUEUED", Notification.PACKAGING_STARTED)).isEqualTo("PROCESSING");
    assertThat(next("PLAYABLE", Notification.PACKAGING_STARTED)).isEqualTo("PLAYABLE");
    assertThat(next("FAILED", Notification.PACKAGING_STARTED)).isEqualTo("FAILED");
    assertThat(next("PROCESSING", Notification.VOD_ASSET_PLAYABLE)).isEqualTo("PLAYABLE");
    assertThat(next("FAILED", Notification.VOD_ASSET_PLAYABLE)).isEqualTo("PLAYABLE");
    assertThat(next("PROCESSING", Notification.PACKAGING_FAILED)).isEqualTo("FAILED");
    assertThat(next("QUEUED", Notification.PACKAGING_FAILED)).isEqualTo("FAILED");
    assertThat(next("PLAYABLE", Notification.PACKAGING_FAILED)).isEqualTo("PLAYABLE");
    assertThat(next("QUEUED", Notification.INGEST_COMPLETE)).isEqualTo("QUEUED");
    assertThat(next("QUEUED", Notification.INGEST_PROGRESS)).isEqualTo("QUEUED");
  }

  @Test
  void onlyTheNamedConfigurationChangesExceptOnIngestError() {
    List<EgressEndpoint> endpoints =
        List.of(e("a", "QUEUED"), e("b", "PROCESSING"), e("c", "PLAYABLE"));
    assertThat(StatusFolding.fold(endpoints, Notification.VOD_ASSET_PLAYABLE, "a"))
        .extracting(EgressEndpoint::status)
        .containsExactly("PLAYABLE", "PROCESSING", "PLAYABLE");
    assertThat(StatusFolding.fold(endpoints, Notification.INGEST_ERROR, null))
        .extracting(EgressEndpoint::status)
        .containsExactly("FAILED", "FAILED", "PLAYABLE");
    assertThat(StatusFolding.fold(endpoints, Notification.PACKAGING_STARTED, "unknown"))
        .isEqualTo(endpoints);
  }
}
