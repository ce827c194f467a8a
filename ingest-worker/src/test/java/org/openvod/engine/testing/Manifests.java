package org.openvod.engine.testing;

import org.openvod.engine.output.ManifestSpec;

/** Manifest specs of the output tests, built in one place. */
public final class Manifests {

  private Manifests() {}

  /**
   * A manifest with every option at MediaPackage's default but the two the encrypted HLS and CMAF
   * tests vary.
   *
   * @param iframes HLS/CMAF: I-frame-only playlists
   * @param repeatExtXKey EXT-X-KEY before every segment
   */
  public static ManifestSpec of(String name, boolean iframes, boolean repeatExtXKey) {
    return new ManifestSpec(
        name,
        iframes,
        0,
        "NONE",
        0,
        Integer.MAX_VALUE,
        "ORIGINAL",
        "FULL",
        0,
        "NONE",
        repeatExtXKey);
  }
}
