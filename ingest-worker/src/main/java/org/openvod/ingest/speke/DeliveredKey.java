package org.openvod.ingest.speke;

import java.util.Map;
import java.util.UUID;
import org.openvod.engine.encrypt.ContentKey;

/**
 * One key of the key server's answer.
 *
 * @param key id, key and the explicit IV when the server gave one
 * @param rule v2: the contract rule this key serves; v1: null (the key serves every track)
 * @param drm signaling per requested DRM system
 */
public record DeliveredKey(ContentKey key, KeyRule rule, Map<UUID, DrmSignaling> drm) {

  public DeliveredKey {
    drm = Map.copyOf(drm);
  }

  /** Whether this key protects a track of this kind with this many pixels or channels. */
  public boolean protects(TrackFilter.Kind kind, long measure) {
    return rule == null || rule.matches(kind, measure);
  }
}
