package org.openvod.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.openvod.events.model.EgressEndpoint;
import org.openvod.events.model.Notification;
import software.amazon.awssdk.services.mediapackagevod.MediaPackageVodClient;
import software.amazon.awssdk.services.mediapackagevod.model.DescribeAssetResponse;

/**
 * Follows one asset's ingest until every configuration is PLAYABLE or FAILED, or the ingest fails:
 * through its notifications, with DescribeAsset every few seconds as a backstop in case an event is
 * late.
 */
public final class AssetWatch {

  private static final Set<String> DONE = Set.of(EgressEndpoint.PLAYABLE, EgressEndpoint.FAILED);

  /** What happened, with times measured from the start of the watch. */
  public record Outcome(
      List<Notification> events,
      Map<String, String> statusByConfiguration,
      Optional<String> ingestError,
      Optional<Duration> firstPlayable,
      Duration elapsed,
      boolean timedOut) {

    public boolean allPlayable() {
      return ingestError.isEmpty()
          && !statusByConfiguration.isEmpty()
          && statusByConfiguration.values().stream().allMatch(EgressEndpoint.PLAYABLE::equals);
    }
  }

  private final NotificationFollower follower;
  private final MediaPackageVodClient api;

  public AssetWatch(NotificationFollower follower, MediaPackageVodClient api) {
    this.follower = follower;
    this.api = api;
  }

  /**
   * Watches {@code assetId} whose group holds {@code configurationIds}; {@code onEvent} sees each
   * notification as it arrives, with the seconds since {@code startNanos}.
   */
  public Outcome watch(
      String assetId,
      List<String> configurationIds,
      long startNanos,
      Duration timeout,
      Consumer<TimedNotification> onEvent) {
    List<Notification> events = new ArrayList<>();
    Map<String, String> status = new LinkedHashMap<>();
    configurationIds.forEach(id -> status.put(id, EgressEndpoint.QUEUED));
    Optional<String> ingestError = Optional.empty();
    Optional<Duration> firstPlayable = Optional.empty();
    long deadline = startNanos + timeout.toNanos();
    long nextDescribe = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      for (Notification n : follower.poll(assetId, Duration.ofMillis(250))) {
        events.add(n);
        Duration at = Duration.ofNanos(System.nanoTime() - startNanos);
        onEvent.accept(new TimedNotification(at, n));
        String config = n.detail() == null ? null : n.detail().packagingConfigurationId();
        String event = n.event() == null ? "" : n.event();
        switch (event) {
          case Notification.VOD_ASSET_PLAYABLE -> {
            if (config != null) {
              status.put(config, EgressEndpoint.PLAYABLE);
            }
            if (firstPlayable.isEmpty()) {
              firstPlayable = Optional.of(at);
            }
          }
          case Notification.PACKAGING_FAILED -> {
            if (config != null) {
              status.put(config, EgressEndpoint.FAILED);
            }
          }
          case Notification.PACKAGING_STARTED -> {
            if (config != null && !DONE.contains(status.get(config))) {
              status.put(config, EgressEndpoint.PROCESSING);
            }
          }
          case Notification.INGEST_ERROR ->
              ingestError =
                  Optional.of(
                      n.detail() == null || n.detail().message() == null
                          ? "IngestError without a message"
                          : n.detail().message());
          default -> {
            // IngestStart, IngestProgress, IngestComplete and anything newer: shown, no state
          }
        }
      }
      if (ingestError.isPresent() || status.values().stream().allMatch(DONE::contains)) {
        return outcome(events, status, ingestError, firstPlayable, startNanos, false);
      }
      if (System.nanoTime() > nextDescribe) {
        nextDescribe = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        if (describedDone(assetId, status)) {
          return outcome(events, status, ingestError, firstPlayable, startNanos, false);
        }
      }
      if (System.nanoTime() > deadline) {
        return outcome(events, status, ingestError, firstPlayable, startNanos, true);
      }
    }
  }

  /**
   * DescribeAsset, repeated for up to {@code wait} until every one of {@code count} endpoints has
   * left QUEUED/PROCESSING: the API learns statuses from the same events, a moment later.
   */
  public DescribeAssetResponse describeWhenSettled(String assetId, int count, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      DescribeAssetResponse asset = api.describeAsset(b -> b.id(assetId));
      boolean settled =
          asset.egressEndpoints().size() == count
              && asset.egressEndpoints().stream()
                  .allMatch(e -> DONE.contains(String.valueOf(e.status())));
      if (settled || System.nanoTime() > deadline) {
        return asset;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return asset;
      }
    }
  }

  /** Takes DescribeAsset's statuses when they say every endpoint is done. */
  private boolean describedDone(String assetId, Map<String, String> status) {
    try {
      DescribeAssetResponse asset = api.describeAsset(b -> b.id(assetId));
      if (!asset.hasEgressEndpoints() || asset.egressEndpoints().isEmpty()) {
        return false;
      }
      boolean done =
          asset.egressEndpoints().stream().allMatch(e -> DONE.contains(String.valueOf(e.status())));
      if (done) {
        asset.egressEndpoints().forEach(e -> status.put(e.packagingConfigurationId(), e.status()));
      }
      return done;
    } catch (RuntimeException e) {
      return false; // the API may be busy; the notifications still count
    }
  }

  private static Outcome outcome(
      List<Notification> events,
      Map<String, String> status,
      Optional<String> ingestError,
      Optional<Duration> firstPlayable,
      long startNanos,
      boolean timedOut) {
    return new Outcome(
        List.copyOf(events),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(status)),
        ingestError,
        firstPlayable,
        Duration.ofNanos(System.nanoTime() - startNanos),
        timedOut);
  }

  /** A notification and when it arrived. */
  public record TimedNotification(Duration at, Notification notification) {}
}
