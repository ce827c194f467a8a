package org.openvod.engine.output.dash;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.openvod.engine.media.AdMarker;
import org.openvod.engine.output.fmp4.SegmentLog;

/**
 * The Periods of an MPD with periodTriggers ADS: a new Period starts at the segment of each ad
 * marker that starts or ends a break (other SCTE-35 signals do not start one, as in MediaPackage).
 * Every track's segment {@code i} covers the time of the first video track's segment {@code i} (the
 * segmenter cuts them so), so a Period is a range of segment indexes, the same for all tracks.
 */
final class DashPeriods {

  /** SCTE-35 in an MPD EventStream: the section in base64, in an XML Signal (SCTE 214-1). */
  static final String SCTE35_SCHEME = "urn:scte:scte35:2014:xml+bin";

  static final String SCTE35_NAMESPACE = "http://www.scte.org/schemas/35/2016";

  private DashPeriods() {}

  /**
   * One Period.
   *
   * @param first index of its first segment
   * @param end index after its last segment
   * @param startSeconds when it starts, from the MPD's time 0
   * @param events markers with an SCTE-35 section placed in it, for its EventStream
   */
  record Window(int id, int first, int end, double startSeconds, List<AdMarker> events) {

    /** The whole presentation as one Period, without events (no periodTriggers). */
    static Window whole() {
      return new Window(0, 0, Integer.MAX_VALUE, 0, List.of());
    }

    List<SegmentLog.Entry> slice(List<SegmentLog.Entry> entries) {
      return entries.subList(Math.min(first, entries.size()), Math.min(end, entries.size()));
    }
  }

  /**
   * @param reference the first video track's segments
   * @param mpdStart the MPD's time 0 in media seconds (its earliest segment start)
   */
  static List<Window> split(List<AdMarker> markers, SegmentLog reference, double mpdStart) {
    int count = reference.entries().size();
    TreeSet<Integer> starts = new TreeSet<>();
    starts.add(0);
    for (AdMarker m : markers) {
      if (m.kind() != AdMarker.Kind.OTHER && m.segmentIndex() > 0 && m.segmentIndex() < count) {
        starts.add(m.segmentIndex());
      }
    }
    List<Integer> firsts = new ArrayList<>(starts);
    List<Window> windows = new ArrayList<>();
    for (int p = 0; p < firsts.size(); p++) {
      int first = firsts.get(p);
      int end = p + 1 < firsts.size() ? firsts.get(p + 1) : count;
      double start =
          first == 0 ? 0 : reference.seconds(reference.entries().get(first).startTime()) - mpdStart;
      List<AdMarker> events = new ArrayList<>();
      for (AdMarker m : markers) {
        boolean inside = m.segmentIndex() >= first && m.segmentIndex() < end;
        if (inside && m.scte35() != null) {
          events.add(m);
        }
      }
      windows.add(new Window(p, first, end, start, List.copyOf(events)));
    }
    return windows;
  }
}
