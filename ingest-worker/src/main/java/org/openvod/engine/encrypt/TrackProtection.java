package org.openvod.engine.encrypt;

import java.util.List;
import java.util.UUID;

/**
 * How one track is protected, as its init segment ({@code sinf}/{@code tenc}, {@code pssh}) and
 * manifests must declare it: no key material, only what players may see.
 *
 * @param scheme {@code cenc} or {@code cbcs} (the schm scheme_type)
 * @param keyId the 16-byte default_KID
 * @param perSampleIvSize 8 or 16 for per-sample IVs, 0 with a constant IV
 * @param constantIv the 16-byte constant IV (cbcs), else null
 * @param cryptByteBlock pattern: blocks encrypted (cbcs video 1; 0 = no pattern)
 * @param skipByteBlock pattern: blocks left clear after them (cbcs video 9)
 * @param signals what each DRM system needs next to the content (pssh boxes, manifest data)
 */
public record TrackProtection(
    String scheme,
    byte[] keyId,
    int perSampleIvSize,
    byte[] constantIv,
    int cryptByteBlock,
    int skipByteBlock,
    List<DrmSignal> signals) {

  public TrackProtection {
    if (!"cenc".equals(scheme) && !"cbcs".equals(scheme)) {
      throw new IllegalArgumentException("scheme must be cenc or cbcs, got " + scheme);
    }
    if (keyId == null || keyId.length != 16) {
      throw new IllegalArgumentException("keyId must be 16 bytes");
    }
    if (perSampleIvSize == 0 && (constantIv == null || constantIv.length != 16)) {
      throw new IllegalArgumentException("without per-sample IVs a 16-byte constant IV is needed");
    }
    keyId = keyId.clone();
    constantIv = constantIv == null ? null : constantIv.clone();
    signals = signals == null ? List.of() : List.copyOf(signals);
  }

  @Override
  public byte[] keyId() {
    return keyId.clone();
  }

  @Override
  public byte[] constantIv() {
    return constantIv == null ? null : constantIv.clone();
  }

  /** The KID as a UUID, the form DASH's cenc:default_KID and PlayReady headers use. */
  public UUID keyIdUuid() {
    return new ContentKey(keyId, new byte[16], null).keyIdUuid();
  }

  /** The tenc box needs version 1 for a pattern (cbcs). */
  public boolean hasPattern() {
    return "cbcs".equals(scheme);
  }
}
