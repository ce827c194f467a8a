package org.openvod.engine.output.hls;

/**
 * Maps track times onto the 90 kHz TS clock. Sources whose tracks are all on 90 kHz (HLS-TS) keep
 * their times, so outputs line up with the source; others (MP4, whose times start at 0 and may dip
 * below it by composition offsets) are shifted by 1.4 s, ffmpeg's mpegts default delay.
 */
record TsClock(long offset) {

  static final long SHIFT = 126_000;

  long ticks(long time, long timescale) {
    if (timescale == 90000) {
      return time + offset;
    }
    return Math.floorDiv(time * 90000 + timescale / 2, timescale) + offset;
  }
}
