package org.openvod.ingest.encryption;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openvod.ingest.speke.KeyRequest;
import org.openvod.ingest.speke.KeyRule;
import org.openvod.ingest.speke.SpekeVersion;

/**
 * Key ids that depend only on (asset id, configuration id, key rule): a job redone after a crash
 * asks the key server for the same KIDs, gets the same keys from a stable key server, and writes
 * the same bytes. Name-based UUIDs (RFC 4122 version 3) of {@code
 * openvod-kid|asset|configuration|rule}.
 */
public final class KeyIds {

  /** The rule name a SPEKE v1 request's one key stands for. */
  static final String V1_RULE = "ALL_TRACKS";

  private KeyIds() {}

  /** One key id per key of {@code request}, in its order. */
  public static List<UUID> forRequest(String assetId, String configurationId, KeyRequest request) {
    List<UUID> kids = new ArrayList<>();
    if (request.version() == SpekeVersion.V1) {
      kids.add(kid(assetId, configurationId, V1_RULE));
    } else {
      for (KeyRule rule : request.rules()) {
        kids.add(kid(assetId, configurationId, rule.intendedTrackType()));
      }
    }
    return kids;
  }

  static UUID kid(String assetId, String configurationId, String rule) {
    String name = "openvod-kid|" + assetId + "|" + configurationId + "|" + rule;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
