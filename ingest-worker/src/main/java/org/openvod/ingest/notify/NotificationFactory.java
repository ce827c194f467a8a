package org.openvod.ingest.notify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.openvod.events.model.Notification;
import org.openvod.events.model.NotificationDetail;
import org.openvod.events.model.PackagingConfiguration;

/**
 * Builds the EventBridge-shaped notifications of one lifecycle event. Ids derive from the lifecycle
 * event id, the notification's event name and the configuration (and percent), so a redelivered
 * lifecycle event yields the same ids and consumers can drop duplicates.
 */
public final class NotificationFactory {

  private final String account;
  private final String region;
  private final Clock clock;

  public NotificationFactory(String account, String region, Clock clock) {
    this.account = account;
    this.region = region;
    this.clock = clock;
  }

  /** {@code UUID.nameUUIDFromBytes(eventId + event + configId [+ percent])}. */
  public static String id(String lifecycleEventId, String event, String configId, Integer percent) {
    String name =
        lifecycleEventId
            + "|"
            + event
            + "|"
            + (configId == null ? "" : configId)
            + (percent == null ? "" : "|" + percent);
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  public Notification ingestStart(String eventId, String assetArn) {
    return aws(eventId, assetArn, null, Notification.INGEST_START, "Ingest Started", null, null);
  }

  public Notification ingestComplete(String eventId, String assetArn) {
    return aws(
        eventId, assetArn, null, Notification.INGEST_COMPLETE, "Ingest Completed", null, null);
  }

  public Notification ingestError(String eventId, String assetArn, String message) {
    return aws(eventId, assetArn, null, Notification.INGEST_ERROR, message, null, null);
  }

  public Notification playable(
      String eventId, String assetArn, String assetId, PackagingConfiguration config, String url) {
    return aws(
        eventId,
        assetArn,
        config,
        Notification.VOD_ASSET_PLAYABLE,
        "Asset '" + assetId + "' is now playable for PackagingConfiguration '" + config.id() + "'",
        List.of(url),
        null);
  }

  public Notification packagingStarted(
      String eventId, String assetArn, String assetId, PackagingConfiguration config) {
    return ours(
        eventId,
        assetArn,
        config,
        Notification.PACKAGING_STARTED,
        "Packaging of asset '"
            + assetId
            + "' started for PackagingConfiguration '"
            + config.id()
            + "'",
        null);
  }

  public Notification packagingFailed(
      String eventId, String assetArn, PackagingConfiguration config, String reason) {
    return ours(eventId, assetArn, config, Notification.PACKAGING_FAILED, reason, null);
  }

  public Notification progress(String eventId, String assetArn, int percent) {
    return ours(
        eventId,
        assetArn,
        null,
        Notification.INGEST_PROGRESS,
        "Ingest " + percent + "% complete",
        percent);
  }

  private Notification aws(
      String eventId,
      String assetArn,
      PackagingConfiguration config,
      String event,
      String message,
      List<String> urls,
      Integer percent) {
    return envelope(
        Notification.DETAIL_TYPE, eventId, assetArn, config, event, message, urls, percent);
  }

  private Notification ours(
      String eventId,
      String assetArn,
      PackagingConfiguration config,
      String event,
      String message,
      Integer percent) {
    return envelope(
        Notification.EXTENSION_DETAIL_TYPE,
        eventId,
        assetArn,
        config,
        event,
        message,
        null,
        percent);
  }

  private Notification envelope(
      String detailType,
      String eventId,
      String assetArn,
      PackagingConfiguration config,
      String event,
      String message,
      List<String> urls,
      Integer percent) {
    String configId = config == null ? null : config.id();
    List<String> resources = config == null ? List.of(assetArn) : List.of(assetArn, config.arn());
    return new Notification(
        "0",
        id(eventId, event, configId, percent),
        detailType,
        Notification.SOURCE,
        account,
        Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
        region,
        resources,
        new NotificationDetail(event, message, configId, urls, percent));
  }
}
