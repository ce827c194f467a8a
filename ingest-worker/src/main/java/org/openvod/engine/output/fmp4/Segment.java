package org.openvod.engine.output.fmp4;

import java.util.List;

/**
 * One closed segment of one track, ready to be written.
 *
 * @param number 1, 2, ... per track
 * @param baseDecodeTime decode time of the first sample (never negative), track timescale
 * @param duration sum of the samples' durations
 */
public record Segment(
    int number, long baseDecodeTime, long duration, List<FragmentSample> samples) {

  /** Presentation time of the first sample. */
  public long startTime() {
    return baseDecodeTime + samples.get(0).compositionOffset();
  }

  public FragmentSample firstKeyframe() {
    for (FragmentSample s : samples) {
      if (s.keyframe()) {
        return s;
      }
    }
    return samples.get(0);
  }
}
