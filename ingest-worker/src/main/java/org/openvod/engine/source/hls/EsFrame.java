package org.openvod.engine.source.hls;

/**
 * One access unit read from an elementary stream, times in 90 kHz ticks (33-bit, not unwrapped).
 */
record EsFrame(long pts, long dts, boolean keyframe, byte[] data) {}
