package org.openvod.engine.output.mss;

import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.fmp4.FragmentSample;
import org.openvod.engine.output.fmp4.Segment;

/**
 * Moves a segment onto Smooth Streaming's 10 MHz clock. Each sample's decode time is converted and
 * rounded on its own and durations are the differences, so rounding never accumulates: the next
 * fragment starts exactly where this one ends.
 */
final class SmoothTime {

  static final long TIMESCALE = 10_000_000L;

  private SmoothTime() {}

  static long convert(long ticks, long timescale) {
    return Math.round(ticks * (double) TIMESCALE / timescale);
  }

  static Segment convert(Segment segment, long timescale) throws PackagingException {
    List<FragmentSample> out = new ArrayList<>(segment.samples().size());
    long decode = segment.baseDecodeTime();
    long start = convert(decode, timescale);
    long time = start;
    for (FragmentSample s : segment.samples()) {
      long nextDecode = decode + s.duration();
      long next = convert(nextDecode, timescale);
      long pts = convert(decode + s.compositionOffset(), timescale);
      long offset = pts - time;
      if (offset != (int) offset || next - time > 0xFFFFFFFFL) {
        throw new PackagingException(
            PackagingException.Reason.UNSUPPORTED_CONTENT,
            "sample times at timescale "
                + timescale
                + " do not fit Smooth Streaming's 10 MHz clock");
      }
      out.add(
          new FragmentSample(next - time, s.keyframe(), (int) offset, s.data(), s.encryption()));
      decode = nextDecode;
      time = next;
    }
    return new Segment(segment.number(), start, time - start, out);
  }

  /** The fragment with its time counted from {@code origin} (10 MHz), never before 0. */
  static Segment since(Segment fragment, long origin) {
    if (origin == 0) {
      return fragment;
    }
    return new Segment(
        fragment.number(),
        Math.max(0, fragment.baseDecodeTime() - origin),
        fragment.duration(),
        fragment.samples());
  }
}
