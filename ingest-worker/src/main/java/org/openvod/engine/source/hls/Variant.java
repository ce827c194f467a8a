package org.openvod.engine.source.hls;

/**
 * One EXT-X-STREAM-INF of a multivariant playlist.
 *
 * @param path its media playlist, resolved against the source root
 * @param bandwidth BANDWIDTH, or 0
 * @param audioGroup AUDIO group id, or null
 * @param closedCaptions CLOSED-CAPTIONS group id, or null (absent or NONE)
 */
record Variant(String path, long bandwidth, String audioGroup, String closedCaptions) {

  /** A variant without closed captions. */
  Variant(String path, long bandwidth, String audioGroup) {
    this(path, bandwidth, audioGroup, null);
  }
}
