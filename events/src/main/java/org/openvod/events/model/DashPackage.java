package org.openvod.events.model;

import java.util.List;

/** MPEG-DASH (§3.6). */
public record DashPackage(
    List<DashManifest> dashManifests,
    DashEncryption encryption,
    Boolean includeEncoderConfigurationInSegments,
    Boolean includeIframeOnlyStream,
    List<String> periodTriggers,
    Integer segmentDurationSeconds,
    String segmentTemplateFormat) {}
