package org.openvod.events.model;

import java.util.List;

/** HLS with fragmented MP4 (CMAF) segments (§3.9). */
public record CmafPackage(
    CmafEncryption encryption,
    List<HlsManifest> hlsManifests,
    Boolean includeEncoderConfigurationInSegments,
    Integer segmentDurationSeconds) {}
