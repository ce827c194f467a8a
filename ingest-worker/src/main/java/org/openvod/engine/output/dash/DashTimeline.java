package org.openvod.engine.output.dash;

import java.util.List;
import org.openvod.engine.output.fmp4.SegmentLog;
import org.openvod.engine.output.fmp4.XmlText;

/**
 * Writes a SegmentTimeline: one S per run of equal, back-to-back segment durations; t is given on
 * the first S and wherever a segment does not start where the previous one ended.
 */
final class DashTimeline {

  private DashTimeline() {}

  static void write(XmlText xml, List<SegmentLog.Entry> entries) {
    xml.start("SegmentTimeline");
    long expected = Long.MIN_VALUE;
    int i = 0;
    while (i < entries.size()) {
      SegmentLog.Entry first = entries.get(i);
      int repeat = 0;
      while (i + repeat + 1 < entries.size()) {
        SegmentLog.Entry prev = entries.get(i + repeat);
        SegmentLog.Entry next = entries.get(i + repeat + 1);
        if (next.duration() != first.duration()
            || next.startTime() != prev.startTime() + prev.duration()) {
          break;
        }
        repeat++;
      }
      xml.start("S");
      if (first.startTime() != expected) {
        xml.attr("t", first.startTime());
      }
      xml.attr("d", first.duration());
      if (repeat > 0) {
        xml.attr("r", repeat);
      }
      xml.end("S");
      SegmentLog.Entry last = entries.get(i + repeat);
      expected = last.startTime() + last.duration();
      i += repeat + 1;
    }
    xml.end("SegmentTimeline");
  }

  /** True when two tracks can share one SegmentTemplate (COMPACT layout). */
  static boolean sameTimeline(SegmentLog a, SegmentLog b) {
    if (a.timescale() != b.timescale() || a.entries().size() != b.entries().size()) {
      return false;
    }
    for (int i = 0; i < a.entries().size(); i++) {
      SegmentLog.Entry x = a.entries().get(i);
      SegmentLog.Entry y = b.entries().get(i);
      if (x.startTime() != y.startTime() || x.duration() != y.duration()) {
        return false;
      }
    }
    return true;
  }
}
