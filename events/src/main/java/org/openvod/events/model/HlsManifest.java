package org.openvod.events.model;

/** One HLS parent manifest of an HLS or CMAF package (§3.4). */
public record HlsManifest(
    String adMarkers,
    Boolean includeIframeOnlyStream,
    String manifestName,
    Integer programDateTimeIntervalSeconds,
    Boolean repeatExtXKey,
    StreamSelection streamSelection) {}
