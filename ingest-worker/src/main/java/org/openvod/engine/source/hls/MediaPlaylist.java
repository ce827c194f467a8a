package org.openvod.engine.source.hls;

import java.util.List;

/** A VOD media playlist: its segments in order. */
record MediaPlaylist(String path, List<MediaSegment> segments) {

  double durationSeconds() {
    return segments.stream().mapToDouble(MediaSegment::durationSeconds).sum();
  }
}
