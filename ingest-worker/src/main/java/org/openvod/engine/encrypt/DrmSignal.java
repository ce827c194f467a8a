package org.openvod.engine.encrypt;

import java.util.UUID;

/**
 * What manifests and init segments must carry for one key and one DRM system, as the key server
 * returned it. Fields the key server left out are null; writers skip them.
 *
 * @param systemId the DRM system id (e.g. W3C Clear Key e2719d58-a985-b3c9-781a-b030af78d30e)
 * @param pssh a whole {@code pssh} box for init segments / {@code cenc:pssh} (DASH, CMAF)
 * @param contentProtectionXml extra children of the MPD's ContentProtection element (DASH)
 * @param hlsKeyUri the URI attribute of EXT-X-KEY (HLS, CMAF)
 * @param hlsKeyFormat the KEYFORMAT attribute of EXT-X-KEY, null = identity (HLS, CMAF)
 * @param hlsKeyFormatVersions the KEYFORMATVERSIONS attribute (HLS, CMAF)
 * @param mssProtectionHeader the base64 PlayReady header for the client manifest's ProtectionHeader
 *     (MSS)
 */
public record DrmSignal(
    UUID systemId,
    byte[] pssh,
    String contentProtectionXml,
    String hlsKeyUri,
    String hlsKeyFormat,
    String hlsKeyFormatVersions,
    String mssProtectionHeader) {

  public DrmSignal {
    if (systemId == null) {
      throw new IllegalArgumentException("systemId is missing");
    }
    pssh = pssh == null ? null : pssh.clone();
  }

  @Override
  public byte[] pssh() {
    return pssh == null ? null : pssh.clone();
  }
}
