package org.openvod.engine.encrypt;

import org.openvod.engine.media.StreamInfo;

/**
 * Which key protects a track: one key for everything (SPEKE v1), or one per video resolution band
 * and audio channel band (SPEKE v2 encryption contracts).
 */
@FunctionalInterface
public interface KeyAssignment {

  /** The key for {@code track}, or null to leave the track clear. */
  ProtectionKey forTrack(StreamInfo track);

  /** Every track uses {@code key}. */
  static KeyAssignment single(ProtectionKey key) {
    return track -> key;
  }
}
