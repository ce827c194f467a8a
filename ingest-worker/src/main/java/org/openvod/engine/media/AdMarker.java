package org.openvod.engine.media;

import java.util.List;

/**
 * An SCTE-35 ad marker of the source: where an ad break starts or ends. Demuxers send it ahead of
 * the samples at its time; the segmenter cuts a segment at the first key frame at or after it and
 * sends it on {@linkplain #placedAt placed} at that segment, so outputs need no time arithmetic to
 * put their tags.
 *
 * @param time when it applies, on the 90 kHz MPEG-TS clock of the source's samples
 * @param kind whether a break starts or ends here
 * @param duration the break's length in 90 kHz ticks (OUT with a break_duration or a CUE-OUT
 *     duration), or -1 when the source does not say
 * @param eventId splice_event_id or segmentation_event_id, or -1
 * @param scte35 the splice_info_section as the source carried it (in-band, or hex/base64 in a
 *     playlist tag); null when the source signalled the break with tags only
 * @param sourceTags the source playlist's tag lines this marker came from (for PASSTHROUGH); empty
 *     for in-band markers
 * @param segmentIndex index of the segment that starts at this marker, counted as the segmenter
 *     counts the first video track's segments; -1 until the segmenter placed it
 */
public record AdMarker(
    long time,
    Kind kind,
    long duration,
    long eventId,
    byte[] scte35,
    List<String> sourceTags,
    int segmentIndex) {

  /** What the marker does. */
  public enum Kind {
    /** An ad break (or a placement opportunity) starts: splice out of the network. */
    OUT,
    /** The break ends: back to the network. */
    IN,
    /** Any other SCTE-35 signal (a time_signal that is no break): only passed through. */
    OTHER
  }

  public AdMarker {
    sourceTags = sourceTags == null ? List.of() : List.copyOf(sourceTags);
  }

  /** A marker not placed yet. */
  public static AdMarker of(
      long time, Kind kind, long duration, long eventId, byte[] scte35, List<String> sourceTags) {
    return new AdMarker(time, kind, duration, eventId, scte35, sourceTags, -1);
  }

  /** The same marker, placed at segment {@code index}. */
  public AdMarker placedAt(int index) {
    return new AdMarker(time, kind, duration, eventId, scte35, sourceTags, index);
  }

  /** The same marker at another time (the segmenter moves the end of a break it derives). */
  public AdMarker at(long newTime) {
    return new AdMarker(newTime, kind, duration, eventId, scte35, sourceTags, segmentIndex);
  }

  public boolean hasDuration() {
    return duration >= 0;
  }

  public double durationSeconds() {
    return duration / 90000.0;
  }
}
