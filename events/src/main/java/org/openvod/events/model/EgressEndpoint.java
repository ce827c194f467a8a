package org.openvod.events.model;

/** One playback endpoint of an asset (§4.1). Status: QUEUED, PROCESSING, PLAYABLE or FAILED. */
public record EgressEndpoint(String packagingConfigurationId, String url, String status) {

  public static final String QUEUED = "QUEUED";
  public static final String PROCESSING = "PROCESSING";
  public static final String PLAYABLE = "PLAYABLE";
  public static final String FAILED = "FAILED";

  public EgressEndpoint withStatus(String newStatus) {
    return new EgressEndpoint(packagingConfigurationId, url, newStatus);
  }
}
