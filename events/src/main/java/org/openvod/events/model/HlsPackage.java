package org.openvod.events.model;

import java.util.List;

/** HLS with MPEG-TS segments (§3.3). */
public record HlsPackage(
    HlsEncryption encryption,
    List<HlsManifest> hlsManifests,
    Boolean includeDvbSubtitles,
    Integer segmentDurationSeconds,
    Boolean useAudioRenditionGroup) {}
