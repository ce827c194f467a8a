package org.openvod.ingest.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openvod.events.Json;
import org.openvod.events.model.Notification;
import org.openvod.events.model.PackagingConfiguration;

class NotificationFactoryTest {

  final NotificationFactory factory =
      new NotificationFactory(
          "123456789012",
          "eu-north-1",
          Clock.fixed(Instant.parse("2026-12-01T10:22:37.123Z"), ZoneOffset.UTC));
  final PackagingConfiguration config =
      new PackagingConfiguration(
          "DASH",
          "arn:aws:mediapackage-vod:eu-north-1:123456789012:packaging-configurations/DASH",
          null,
          "g",
          null,
          null,
          null,
          null,
          null);

  @Test
  void idsDeriveFromTheLifecycleEventSoRedeliveryRepeatsThem() {
    Notification a =
        factory.playable("ev-1", "arn:asset", "asset-1", config, "https://x/index.mpd");
    Notification b =
        factory.playable("ev-1", "arn:asset", "asset-1", config, "https://x/index.mpd");
    assertThat(a.id()).isEqualTo(b.id());
    assertThat(a.id())
        .isEqualTo(UUID.nameUUIDFromBytes("ev-1|VodAssetPlayable|DASH".getBytes()).toString());
    assertThat(factory.ingestStart("ev-2", "arn:asset").id())
        .isNotEqualTo(factory.ingestStart("ev-1", "arn:asset").id());
    assertThat(factory.progress("ev-1", "arn:asset", 10).id())
        .isNotEqualTo(factory.progress("ev-1", "arn:asset", 15).id());
  }

  @Test
  void envelopeMatchesMediaPackagesEvents() {
    Notification playable =
        factory.playable("ev-1", "arn:asset", "asset-1", config, "https://x/index.mpd");
    String json = Json.writeString(playable);
    assertThat(json)
        .contains("\"version\":\"0\"")
        .contains("\"detail-type\":\"MediaPackage Input Notification\"")
        .contains("\"source\":\"aws.mediapackage\"")
        .contains("\"time\":\"2026-12-01T10:22:37Z\"")
        .contains("\"resources\":[\"arn:asset\",\"" + config.arn() + "\"]")
        .contains(
            "\"message\":\"Asset 'asset-1' is now playable for PackagingConfiguration 'DASH'\"")
        .contains("\"packaging_configuration_id\":\"DASH\"")
        .contains("\"manifest_urls\":[\"https://x/index.mpd\"]")
        .doesNotContain("percent_complete");

    Notification complete = factory.ingestComplete("ev-1", "arn:asset");
    assertThat(complete.detail().message()).isEqualTo("Ingest Completed");
    assertThat(complete.resources()).containsExactly("arn:asset");
    assertThat(complete.detailType()).isEqualTo(Notification.DETAIL_TYPE);

    Notification progress = factory.progress("ev-1", "arn:asset", 40);
    assertThat(progress.detailType()).isEqualTo(Notification.EXTENSION_DETAIL_TYPE);
    assertThat(progress.detail().percentComplete()).isEqualTo(40);
    assertThat(factory.packagingFailed("ev-1", "arn:asset", config, "why").detail().message())
        .isEqualTo("why");
  }
}
