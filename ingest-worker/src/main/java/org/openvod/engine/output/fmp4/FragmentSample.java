package org.openvod.engine.output.fmp4;

/**
 * One sample as a fragment stores it.
 *
 * @param duration in the fragment's timescale
 * @param compositionOffset pts minus decode time, may be negative (trun version 1)
 */
public record FragmentSample(long duration, boolean keyframe, int compositionOffset, byte[] data) {}
