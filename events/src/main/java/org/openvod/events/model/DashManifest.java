package org.openvod.events.model;

/** One MPD of a DASH package (§3.7). */
public record DashManifest(
    String manifestLayout,
    String manifestName,
    Integer minBufferTimeSeconds,
    String profile,
    String scteMarkersSource,
    StreamSelection streamSelection) {}
