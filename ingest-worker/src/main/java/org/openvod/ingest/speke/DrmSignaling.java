package org.openvod.ingest.speke;

import java.util.UUID;

/**
 * What the key server returned for one key and one DRM system, decoded from base64 (but the
 * protection header). Any field the server left empty is null.
 *
 * @param pssh the whole {@code pssh} box to put in init segments / the MPD
 * @param contentProtectionData XML children for the MPD's ContentProtection element
 * @param uriExtXKey the key URI for HLS EXT-X-KEY (v1)
 * @param keyFormat HLS KEYFORMAT (v1)
 * @param keyFormatVersions HLS KEYFORMATVERSIONS (v1)
 * @param protectionHeader the MSS protection header (v1), still base64 as the manifest carries it
 * @param hlsSignalingMedia the EXT-X-KEY line(s) for media playlists (v2)
 * @param hlsSignalingMaster the EXT-X-SESSION-KEY line(s) for the multivariant playlist (v2)
 */
public record DrmSignaling(
    UUID systemId,
    byte[] pssh,
    String contentProtectionData,
    String uriExtXKey,
    String keyFormat,
    String keyFormatVersions,
    String protectionHeader,
    String hlsSignalingMedia,
    String hlsSignalingMaster) {}
