package org.openvod.engine.encrypt;

import java.util.List;

/** A content key with what each DRM system needs written next to content it protects. */
public record ProtectionKey(ContentKey key, List<DrmSignal> signals) {

  public ProtectionKey {
    if (key == null) {
      throw new IllegalArgumentException("key is missing");
    }
    signals = signals == null ? List.of() : List.copyOf(signals);
  }
}
