package org.openvod.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An EventBridge event as MediaPackage VOD emits it (mediapackage-vod-api.md §5). Extensions of
 * ours use the detail-type {@link #EXTENSION_DETAIL_TYPE} so AWS rule patterns never match them.
 */
public record Notification(
    String version,
    String id,
    @JsonProperty("detail-type") String detailType,
    String source,
    String account,
    String time,
    String region,
    List<String> resources,
    NotificationDetail detail) {

  public static final String SOURCE = "aws.mediapackage";
  public static final String DETAIL_TYPE = "MediaPackage Input Notification";
  public static final String EXTENSION_DETAIL_TYPE = "OpenVOD Ingest Notification";

  public static final String INGEST_START = "IngestStart";
  public static final String INGEST_COMPLETE = "IngestComplete";
  public static final String INGEST_ERROR = "IngestError";
  public static final String VOD_ASSET_PLAYABLE = "VodAssetPlayable";

  /** Ours: packaging of one configuration started (egress status PROCESSING). */
  public static final String PACKAGING_STARTED = "PackagingStarted";

  /** Ours: packaging of one configuration failed (egress status FAILED). */
  public static final String PACKAGING_FAILED = "PackagingFailed";

  /** Ours: percent of the asset's ingest done. */
  public static final String INGEST_PROGRESS = "IngestProgress";

  public String event() {
    return detail == null ? null : detail.event();
  }
}
