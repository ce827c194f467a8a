package org.openvod.engine.output.hls;

import java.util.Arrays;

/**
 * Writes the EXT-X-KEY lines of one media playlist as it is written, segment by segment: before the
 * first segment, then whenever the IV changes (a rotating IV: before every segment), or before
 * every segment when the manifest asks for repeatExtXKey. A clear rendition gets none.
 */
final class KeyTags {

  private final RenditionKey key;
  private final boolean repeat;
  private byte[] lastIv;

  KeyTags(RenditionKey key, boolean repeat) {
    this.key = key;
    this.repeat = repeat;
  }

  /** The playlist's EXT-X-VERSION: {@code base}, raised to what the key tags need. */
  static int version(RenditionSegments rendition, int base) {
    return rendition.key == null ? base : Math.max(base, rendition.key.playlistVersion());
  }

  /** Appends the tags due before segment {@code segment} (its number in the playlist). */
  void before(int segment, StringBuilder out) {
    if (key == null) {
      return;
    }
    byte[] iv = key.iv(segment);
    if (repeat || lastIv == null || !Arrays.equals(iv, lastIv)) {
      for (String line : key.tags(iv)) {
        out.append(line).append('\n');
      }
      lastIv = iv;
    }
  }

  /**
   * True when the I-frame playlist names each key frame's own file ({@link
   * RenditionKey#iframePath}, AES-128) instead of a byte range of its segment.
   */
  boolean ownIframeFiles() {
    return key != null && key.wholeSegment();
  }
}
