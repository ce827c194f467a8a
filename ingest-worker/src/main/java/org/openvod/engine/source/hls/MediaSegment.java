package org.openvod.engine.source.hls;

import java.util.List;

/**
 * One segment of a media playlist.
 *
 * @param path resolved against the source root
 * @param durationSeconds its EXTINF
 * @param offset first byte of an EXT-X-BYTERANGE, or 0
 * @param length bytes of an EXT-X-BYTERANGE, or -1 for the whole file
 * @param cueTags the ad marker tags written before it (see {@link CueTags}), in order
 */
record MediaSegment(
    String path, double durationSeconds, long offset, long length, List<String> cueTags) {

  MediaSegment {
    cueTags = List.copyOf(cueTags);
  }

  /** A segment without ad marker tags. */
  MediaSegment(String path, double durationSeconds, long offset, long length) {
    this(path, durationSeconds, offset, length, List.of());
  }
}
