package org.openvod.engine.output.hls;

import java.util.List;

/**
 * One written TS segment, as its playlists need it.
 *
 * @param path relative to the output folder
 * @param startSeconds its first sample's presentation time
 * @param durationSeconds from the segmenter: real sample times
 * @param bytes the file's size
 * @param keyFrames video key frames in it, for I-frame playlists (empty for audio)
 * @param endPts end of the segment on the 90 kHz TS clock (ends the last key frame's span)
 */
record SegmentRecord(
    String path,
    double startSeconds,
    double durationSeconds,
    long bytes,
    List<TsSegmentWriter.KeyFrame> keyFrames,
    long endPts) {}
