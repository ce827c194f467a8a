package org.openvod.engine.output.dash;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import org.openvod.engine.codec.Srt;
import org.openvod.engine.codec.Ttml;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.output.OutputSink;
import org.openvod.engine.output.SubtitleCues;
import org.openvod.engine.output.fmp4.FragmentSample;
import org.openvod.engine.output.fmp4.MediaSegment;
import org.openvod.engine.output.fmp4.Segment;
import org.openvod.engine.output.fmp4.SegmentLog;
import org.openvod.engine.output.fmp4.StppInitSegment;

/**
 * The WebVTT subtitle tracks of a DASH output, as MediaPackage packages them: TTML (EBU-TT-D /
 * IMSC1 text) in fragmented MP4 ('stpp', ISO/IEC 14496-30). From the cues the output gathered
 * ({@link org.openvod.engine.output.SubtitleCues}), at the end each track is written as {@code
 * text_<trackId>/init.mp4} and one segment per segment of the reference video, on the video's
 * segment grid in milliseconds, each one sample holding that time's {@link Ttml} document (an empty
 * one when no cue falls in it, so the timeline has no holes).
 */
final class DashSubtitles {

  /** Media time of the text tracks: cue times are milliseconds. */
  static final long TIMESCALE = 1000;

  /** MPD codecs of TTML in MP4, IMSC1 text profile (RFC 6381 / ISO/IEC 14496-30 annex). */
  static final String CODECS = "stpp.ttml.im1t";

  /** One written text track, for the MPD. */
  record Written(StreamInfo info, String language, SegmentLog log) {

    String representationId() {
      return "text_" + info.trackId();
    }
  }

  /**
   * Writes every subtitle track on the reference video's segments.
   *
   * @param byTime name segments by their start time (TIME_WITH_TIMELINE), else by number
   * @param startSeconds the Period's start in media seconds (the earliest track's start)
   * @param endSeconds the presentation's end in media seconds
   */
  List<Written> write(
      OutputSink sink,
      SubtitleCues cues,
      SegmentLog video,
      boolean byTime,
      double startSeconds,
      double endSeconds)
      throws Exception {
    List<long[]> grid = grid(video, startSeconds, endSeconds);
    List<Written> written = new ArrayList<>();
    for (StreamInfo info : cues.tracks()) {
      List<Srt.Cue> sorted = cues.sorted(info.trackId());
      String language = language(info.language());
      Written track = new Written(info, language, new SegmentLog(TIMESCALE));
      String folder = track.representationId();
      sink.put(
          folder + "/init.mp4", StppInitSegment.build(TIMESCALE, iso639_2(language)), "video/mp4");
      for (int i = 0; i < grid.size(); i++) {
        long from = grid.get(i)[0];
        long to = grid.get(i)[1];
        byte[] document = Ttml.document(info.language(), sorted, from, to);
        Segment segment =
            new Segment(
                i + 1, from, to - from, List.of(new FragmentSample(to - from, true, 0, document)));
        byte[] bytes = MediaSegment.build(segment.number(), from, segment.samples());
        String name = byTime ? String.valueOf(from) : String.valueOf(segment.number());
        sink.put(folder + "/segment_" + name + ".m4s", bytes, "video/iso.segment");
        track.log().add(segment, bytes.length);
      }
      written.add(track);
    }
    return written;
  }

  /** The written tracks grouped by language, in the order the languages first came. */
  static List<List<Written>> byLanguage(List<Written> texts) {
    Map<String, List<Written>> sets = new LinkedHashMap<>();
    for (Written t : texts) {
      sets.computeIfAbsent(t.language(), k -> new ArrayList<>()).add(t);
    }
    return new ArrayList<>(sets.values());
  }

  /**
   * [from, to) in milliseconds of each segment of the reference video, end to end; the first one
   * starts with the Period (audio may start a few ms before the video: a text track starting later
   * would leave a gap that players seek over, and Shaka Player may then lose the text it loaded)
   * and the last one reaches the presentation's end.
   */
  private static List<long[]> grid(SegmentLog video, double startSeconds, double endSeconds) {
    List<SegmentLog.Entry> entries = video.entries();
    List<long[]> grid = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      long from = millis(video, entries.get(i).startTime());
      if (i == 0) {
        from = Math.min(from, Math.round(startSeconds * 1000));
      }
      long to =
          i + 1 < entries.size()
              ? millis(video, entries.get(i + 1).startTime())
              : Math.max(
                  millis(video, entries.get(i).startTime() + entries.get(i).duration()),
                  Math.round(endSeconds * 1000));
      grid.add(new long[] {from, Math.max(to, from + 1)});
    }
    return grid;
  }

  private static long millis(SegmentLog log, long ticks) {
    return Math.round(ticks * 1000.0 / log.timescale());
  }

  /** The MPD's lang: the track's, "und" when unknown. */
  private static String language(String language) {
    return language == null || language.isBlank() ? "und" : language.strip();
  }

  /** ISO 639-2 for the mdhd: "en" becomes "eng"; "und" when Java does not know it. */
  static String iso639_2(String language) {
    try {
      String three = Locale.forLanguageTag(language).getISO3Language();
      return three.isEmpty() ? "und" : three;
    } catch (MissingResourceException e) {
      return "und";
    }
  }
}
