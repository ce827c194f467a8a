package org.openvod.ingest.speke;

import java.util.List;
import java.util.UUID;

/**
 * What to ask a key server for.
 *
 * @param contentId the asset's resource id (CPIX {@code @id} in v1, {@code @contentId} in v2)
 * @param version SPEKE v1 (one key) or v2 (one key per rule)
 * @param systemIds the DRM systems to get signaling for (the configuration's {@code systemIds})
 * @param rules v2 only: the keys of the encryption contract ({@link EncryptionContract#rules});
 *     must be empty for v1
 * @param commonEncryptionScheme v2 only: {@code cenc} (DASH) or {@code cbcs} (CMAF); null for v1
 */
public record KeyRequest(
    String contentId,
    SpekeVersion version,
    List<UUID> systemIds,
    List<KeyRule> rules,
    String commonEncryptionScheme) {

  public KeyRequest {
    if (contentId == null || contentId.isBlank()) {
      throw new IllegalArgumentException("contentId is missing");
    }
    if (version == null) {
      throw new IllegalArgumentException("version is missing");
    }
    if (systemIds == null || systemIds.isEmpty()) {
      throw new IllegalArgumentException("systemIds must name at least one DRM system");
    }
    systemIds = List.copyOf(systemIds);
    rules = rules == null ? List.of() : List.copyOf(rules);
    if (version == SpekeVersion.V1 && !rules.isEmpty()) {
      throw new IllegalArgumentException("rules are SPEKE v2 only");
    }
    if (version == SpekeVersion.V2) {
      if (rules.isEmpty()) {
        throw new IllegalArgumentException("a SPEKE v2 request needs at least one key rule");
      }
      if (!"cenc".equals(commonEncryptionScheme) && !"cbcs".equals(commonEncryptionScheme)) {
        throw new IllegalArgumentException(
            "commonEncryptionScheme must be cenc or cbcs, got " + commonEncryptionScheme);
      }
    }
  }

  /** How many keys the request asks for: one per rule (v2), one for everything (v1). */
  public int keyCount() {
    return version == SpekeVersion.V2 ? rules.size() : 1;
  }

  /** SPEKE v1: one key for every track, as MediaPackage without an encryption contract. */
  public static KeyRequest v1(String contentId, List<UUID> systemIds) {
    return new KeyRequest(contentId, SpekeVersion.V1, systemIds, List.of(), null);
  }

  /** SPEKE v2 with the keys of a preset pair. */
  public static KeyRequest v2(
      String contentId,
      List<UUID> systemIds,
      String presetSpeke20Video,
      String presetSpeke20Audio,
      String commonEncryptionScheme) {
    return new KeyRequest(
        contentId,
        SpekeVersion.V2,
        systemIds,
        EncryptionContract.rules(presetSpeke20Video, presetSpeke20Audio),
        commonEncryptionScheme);
  }
}
