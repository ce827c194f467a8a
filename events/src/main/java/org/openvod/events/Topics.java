package org.openvod.events;

import java.time.Duration;
import java.util.List;
import org.openvod.events.model.DeadLetter;
import org.openvod.events.model.LifecycleEvent;
import org.openvod.events.model.Notification;
import org.openvod.events.model.ResourceRecord;

/**
 * The catalogue of every topic in the platform. Every producer and consumer names its topic from
 * here, so this is the one place that says what flows where.
 *
 * <pre>
 * control-api ──▶ commands ──▶ control-api decider ──▶ resources (compact) ──▶ control-api, manifest-server
 *                                              └──────▶ asset-lifecycle ──▶ ingest-worker
 * ingest-worker ──▶ notifications ──▶ control-api (egress status), manifest-server, users
 * ingest-worker ──▶ ingest-dlq (records that could not be processed at all)
 * </pre>
 */
public final class Topics {

  /**
   * Write requests of the control API, decided one at a time in offset order. A single partition
   * makes the order total, which is what keeps ids unique and quotas exact across instances.
   */
  public static final TopicSpec COMMANDS =
      new TopicSpec(
          "vod.commands", "request id", String.class, 1, "delete", Duration.ofDays(1).toMillis());

  /** Latest state of every group, configuration and asset, keyed by ARN; a tombstone on delete. */
  public static final TopicSpec RESOURCES =
      new TopicSpec("vod.resources", "resource ARN", ResourceRecord.class, 1, "compact", -1);

  /** What the ingest workers must do, keyed by asset id so one asset is one worker's at a time. */
  public static final TopicSpec ASSET_LIFECYCLE =
      new TopicSpec(
          "vod.asset-lifecycle",
          "asset id",
          LifecycleEvent.class,
          6,
          "delete",
          Duration.ofDays(7).toMillis());

  /** EventBridge-shaped notifications (AWS's events plus our extensions), keyed by asset id. */
  public static final TopicSpec NOTIFICATIONS =
      new TopicSpec(
          "vod.notifications",
          "asset id",
          Notification.class,
          6,
          "delete",
          Duration.ofDays(7).toMillis());

  /** Records an ingest worker could not process at all, with the cause. */
  public static final TopicSpec INGEST_DLQ =
      new TopicSpec(
          "vod.ingest-dlq",
          "asset id",
          DeadLetter.class,
          1,
          "delete",
          Duration.ofDays(14).toMillis());

  public static final List<TopicSpec> ALL =
      List.of(COMMANDS, RESOURCES, ASSET_LIFECYCLE, NOTIFICATIONS, INGEST_DLQ);

  private Topics() {}
}
