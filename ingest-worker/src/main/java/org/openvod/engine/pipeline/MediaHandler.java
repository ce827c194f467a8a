package org.openvod.engine.pipeline;

import org.openvod.engine.media.AdMarker;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;

/**
 * One stage of the pipeline, as Shaka Packager's MediaHandler: each stage receives typed events
 * from the one before and passes its own to the next. Calls come from one thread, in order: every
 * stream's {@link #onStreamInfo} before its samples, samples of a track in decode order.
 */
public interface MediaHandler {

  void onStreamInfo(StreamInfo info) throws Exception;

  void onSample(Sample sample) throws Exception;

  /**
   * Sent by the segmenter: the segment {@code index} of the track ends before the next sample.
   *
   * @param startTime first sample's presentation time of the segment, in the track's timescale
   * @param duration in the track's timescale
   */
  default void onSegmentEnd(int trackId, int index, long startTime, long duration)
      throws Exception {}

  /**
   * An SCTE-35 ad marker. Demuxers send it before the samples at its time; the segmenter sends it
   * on once it is {@linkplain AdMarker#placedAt placed} at a segment. Stages that do not use ad
   * markers ignore it.
   */
  default void onAdMarker(AdMarker marker) throws Exception {}

  /** No more samples will come. */
  void onEnd() throws Exception;
}
