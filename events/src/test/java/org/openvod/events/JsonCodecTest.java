package org.openvod.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvod.events.model.Asset;
import org.openvod.events.model.EgressEndpoint;
import org.openvod.events.model.LifecycleEvent;
import org.openvod.events.model.Notification;
import org.openvod.events.model.NotificationDetail;
import org.openvod.events.model.ResourceRecord;

class JsonCodecTest {

  private final Asset asset =
      new Asset(
          "a1",
          "arn:aws:mediapackage-vod:us-east-1:000000000000:assets/a1",
          "2026-12-01T10:00:00+00:00",
          "g1",
          null,
          "arn:aws:s3:::vod-sources/x.m3u8",
          "arn:aws:iam::000000000000:role/r",
          List.of(new EgressEndpoint("c1", "http://h/out/v1/a/b/c/index.m3u8", "QUEUED")),
          Map.of("k", "v"));

  @Test
  void resourceRecordsRoundTripWithTheirKind() {
    ResourceRecord record = new ResourceRecord.AssetRecord(asset, "ab".repeat(16));
    String json = Json.writeString(record);
    assertThat(json).contains("\"type\":\"Asset\"").doesNotContain("resourceId");
    assertThat(Json.read(json, ResourceRecord.class)).isEqualTo(record);
  }

  @Test
  void lifecycleEventsRoundTrip() {
    LifecycleEvent event = new LifecycleEvent.AssetCreated("e1", asset, "ab".repeat(16), List.of());
    assertThat(Json.read(Json.write(event), LifecycleEvent.class)).isEqualTo(event);
  }

  @Test
  void notificationsUseEventBridgeNames() {
    Notification n =
        new Notification(
            "0",
            "id",
            Notification.DETAIL_TYPE,
            Notification.SOURCE,
            "000000000000",
            "2026-12-01T10:00:00Z",
            "us-east-1",
            List.of(asset.arn()),
            new NotificationDetail("VodAssetPlayable", "m", "c1", List.of("u"), null));
    String json = Json.writeString(n);
    assertThat(json)
        .contains("\"detail-type\":\"MediaPackage Input Notification\"")
        .contains("\"packaging_configuration_id\":\"c1\"")
        .contains("\"manifest_urls\":[\"u\"]")
        .doesNotContain("percent_complete");
    assertThat(Json.read(json, Notification.class)).isEqualTo(n);
  }

  @Test
  void egressUrlFollowsTheLayout() {
    String url =
        EgressLayout.url(
            "http://localhost:8081/",
            "a".repeat(32),
            "b".repeat(32),
            "c".repeat(32),
            PackageKind.MSS,
            null);
    assertThat(url)
        .isEqualTo(
            "http://localhost:8081/out/v1/"
                + "a".repeat(32)
                + "/"
                + "b".repeat(32)
                + "/"
                + "c".repeat(32)
                + "/index.ism/Manifest");
    assertThat(EgressLayout.newHexId())
        .matches("[0-9a-f]{32}")
        .isNotEqualTo(EgressLayout.newHexId());
  }
}
