package org.openvod.engine.output.fmp4;

import org.openvod.engine.encrypt.SampleEncryption;

/**
 * One sample as a fragment stores it.
 *
 * @param duration in the fragment's timescale
 * @param compositionOffset pts minus decode time, may be negative (trun version 1)
 * @param encryption null for a clear sample; else its senc entry (IV, subsamples)
 */
public record FragmentSample(
    long duration,
    boolean keyframe,
    int compositionOffset,
    byte[] data,
    SampleEncryption encryption) {

  /** A clear sample. */
  public FragmentSample(long duration, boolean keyframe, int compositionOffset, byte[] data) {
    this(duration, keyframe, compositionOffset, data, null);
  }

  /**
   * The same sample as the one key frame of an I-frame segment, lasting {@code segmentDuration}; it
   * keeps its encryption entry, so trick play works encrypted.
   */
  public FragmentSample asIframe(long segmentDuration) {
    return new FragmentSample(segmentDuration, true, compositionOffset, data, encryption);
  }
}
