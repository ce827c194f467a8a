package org.openvod.events.model;

import java.util.List;

/** Microsoft Smooth Streaming (§3.11). */
public record MssPackage(
    MssEncryption encryption, List<MssManifest> mssManifests, Integer segmentDurationSeconds) {}
