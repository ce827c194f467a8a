package org.openvod.engine.output.hls;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openvod.engine.media.StreamInfo;

/**
 * What one output rendition (a video variant or an audio rendition) wrote: its segments and the
 * numbers its playlist entries need.
 */
final class RenditionSegments {

  final String folder;
  final StreamInfo main;
  final List<StreamInfo> muxedAudio;
  final List<SegmentRecord> segments = new ArrayList<>();

  /** Bytes of the main track's samples (the video bitrate stream selection filters by). */
  long mainSampleBytes;

  /** How its segments are encrypted, or null when they are clear. */
  RenditionKey key;

  /** SAMPLE-AES: the tracks whose samples are encrypted (a track may be left clear). */
  final Set<Integer> encryptedTracks = new HashSet<>();

  RenditionSegments(String folder, StreamInfo main, List<StreamInfo> muxedAudio) {
    this.folder = folder;
    this.main = main;
    this.muxedAudio = List.copyOf(muxedAudio);
  }

  double durationSeconds() {
    return segments.stream().mapToDouble(SegmentRecord::durationSeconds).sum();
  }

  /** Peak segment bit rate (RFC 8216 BANDWIDTH). */
  long peakBitrate() {
    double peak = 0;
    for (SegmentRecord s : segments) {
      if (s.durationSeconds() > 0) {
        peak = Math.max(peak, s.bytes() * 8 / s.durationSeconds());
      }
    }
    return (long) Math.ceil(peak);
  }

  /** Average bit rate over the whole rendition (AVERAGE-BANDWIDTH). */
  long averageBitrate() {
    double seconds = durationSeconds();
    long bytes = segments.stream().mapToLong(SegmentRecord::bytes).sum();
    return seconds <= 0 ? 0 : (long) Math.ceil(bytes * 8 / seconds);
  }

  /** Average bit rate of the main track's samples alone. */
  long mainBitrate() {
    double seconds = durationSeconds();
    return seconds <= 0 ? 0 : Math.round(mainSampleBytes * 8 / seconds);
  }
}
