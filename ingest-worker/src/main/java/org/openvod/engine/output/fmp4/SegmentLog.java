package org.openvod.engine.output.fmp4;

import java.util.ArrayList;
import java.util.List;

/** What manifests need to know of one track's written segments. */
public final class SegmentLog {

  /**
   * @param startTime decode time of the segment's first sample (the tfdt), track timescale
   * @param bytes size of the segment file
   */
  public record Entry(int number, long startTime, long duration, long bytes) {}

  private final long timescale;
  private final List<Entry> entries = new ArrayList<>();
  private long firstCompositionOffset;

  public SegmentLog(long timescale) {
    this.timescale = timescale;
  }

  public void add(Segment segment, long bytes) {
    if (entries.isEmpty()) {
      firstCompositionOffset = segment.samples().get(0).compositionOffset();
    }
    entries.add(new Entry(segment.number(), segment.baseDecodeTime(), segment.duration(), bytes));
  }

  public List<Entry> entries() {
    return entries;
  }

  public long timescale() {
    return timescale;
  }

  public double seconds(long ticks) {
    return ticks / (double) timescale;
  }

  public long totalDuration() {
    return entries.stream().mapToLong(Entry::duration).sum();
  }

  public double totalSeconds() {
    return seconds(totalDuration());
  }

  /** Presentation time (seconds) where the track ends: decode end plus the first offset. */
  public double presentationEndSeconds() {
    if (entries.isEmpty()) {
      return 0;
    }
    Entry last = entries.get(entries.size() - 1);
    return seconds(last.startTime() + last.duration() + firstCompositionOffset);
  }

  public double maxSegmentSeconds() {
    return entries.stream().mapToDouble(e -> seconds(e.duration())).max().orElse(0);
  }

  /** Bits per second over the whole track. */
  public long averageBitrate() {
    double seconds = totalSeconds();
    long bytes = entries.stream().mapToLong(Entry::bytes).sum();
    return seconds <= 0 ? 0 : Math.round(bytes * 8 / seconds);
  }

  /** Bits per second of the densest segment (HLS BANDWIDTH). */
  public long peakBitrate() {
    long peak = 0;
    for (Entry e : entries) {
      double seconds = seconds(e.duration());
      if (seconds > 0) {
        peak = Math.max(peak, (long) Math.ceil(e.bytes() * 8 / seconds));
      }
    }
    return peak;
  }
}
