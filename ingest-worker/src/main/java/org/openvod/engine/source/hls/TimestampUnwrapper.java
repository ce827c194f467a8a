package org.openvod.engine.source.hls;

/** Turns 33-bit MPEG-TS timestamps into a continuous 64-bit timeline across wraps. */
final class TimestampUnwrapper {

  private static final long WRAP = 1L << 33;
  private static final long HALF = 1L << 32;

  private long last = Long.MIN_VALUE;

  long unwrap(long t33) {
    if (last == Long.MIN_VALUE) {
      last = t33;
      return t33;
    }
    long candidate = Math.floorDiv(last, WRAP) * WRAP + t33;
    if (candidate - last > HALF) {
      candidate -= WRAP;
    } else if (last - candidate > HALF) {
      candidate += WRAP;
    }
    last = candidate;
    return candidate;
  }

  /**
   * The continuous time of a 33-bit timestamp near the last one unwrapped, without moving on: for
   * times that are not samples (an SCTE-35 splice time a little ahead).
   */
  long nearest(long t33) {
    if (last == Long.MIN_VALUE) {
      return t33;
    }
    long candidate = Math.floorDiv(last, WRAP) * WRAP + t33;
    if (candidate - last > HALF) {
      candidate -= WRAP;
    } else if (last - candidate > HALF) {
      candidate += WRAP;
    }
    return candidate;
  }
}
