package org.openvod.engine.output.mss;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openvod.engine.codec.Srt;
import org.openvod.engine.codec.Ttml;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.output.FileParts;
import org.openvod.engine.output.OutputSink;
import org.openvod.engine.output.SubtitleCues;
import org.openvod.engine.output.fmp4.FragmentSample;
import org.openvod.engine.output.fmp4.MediaSegment;
import org.openvod.engine.output.fmp4.Segment;
import org.openvod.engine.output.fmp4.SegmentLog;

/**
 * The WebVTT subtitle tracks of a Smooth Streaming output, as text streams (StreamIndex Type
 * "text", QualityLevel FourCC "TTML"): from the cues the output gathered ({@link
 * org.openvod.engine.output.SubtitleCues}), at the end each track gets one fragment per fragment of
 * the reference video, with the video's times, written like the audio and video ones (moof with
 * tfxd, mdat), each one sample holding that time's {@link Ttml} document (an empty body when no cue
 * falls in it, so the stream has no holes). Text is never encrypted.
 *
 * <p>The TTML times count from the fragment's start: dash.js (the reference MSS client) adds the
 * fragment's time to them ({@code ttmlTimeIsRelative}).
 */
final class MssSubtitles {

  /** MS-SSTR Subtype of a subtitle text stream (CAPT is for captions of the hard of hearing). */
  static final String SUBTYPE = "SUBT";

  /** MS-SSTR FourCC of TTML text. */
  static final String FOURCC = "TTML";

  /** One written text stream, for the manifest. */
  record Written(StreamInfo info, String stream, long bitrate, SegmentLog log) {}

  /**
   * Writes every text stream into each of {@code folders} (one per manifest) on the fragment times
   * of {@code video} (10 MHz, counted from {@code origin} on the source's clock, where the cues
   * are).
   */
  List<Written> write(
      OutputSink sink, SubtitleCues cues, List<String> folders, SegmentLog video, long origin)
      throws Exception {
    List<Written> written = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (StreamInfo info : cues.tracks()) {
      List<Srt.Cue> sorted = cues.sorted(info.trackId());
      SegmentLog log = new SegmentLog(SmoothTime.TIMESCALE);
      List<FileParts> fragments = new ArrayList<>();
      long bytes = 0;
      for (SegmentLog.Entry e : video.entries()) {
        long from = millis(origin + e.startTime());
        long to = Math.max(from + 1, millis(origin + e.startTime() + e.duration()));
        byte[] document = Ttml.document(info.language(), sorted, from, to, from);
        Segment fragment =
            new Segment(
                e.number(),
                e.startTime(),
                e.duration(),
                List.of(new FragmentSample(e.duration(), true, 0, document)));
        FileParts parts =
            MediaSegment.smoothParts(
                fragment.number(), fragment.baseDecodeTime(), fragment.samples());
        fragments.add(parts);
        log.add(fragment, parts.length());
        bytes += parts.length();
      }
      double seconds = log.totalSeconds();
      long bitrate = Math.max(1, seconds <= 0 ? 1 : Math.round(bytes * 8 / seconds));
      String stream = streamName(info, names);
      for (String folder : folders) {
        for (int i = 0; i < fragments.size(); i++) {
          String path =
              folder
                  + "QualityLevels("
                  + bitrate
                  + ")/Fragments("
                  + stream
                  + "="
                  + log.entries().get(i).startTime()
                  + ")";
          sink.putParts(path, fragments.get(i), "video/mp4");
        }
      }
      written.add(new Written(info, stream, bitrate, log));
    }
    return written;
  }

  /** "text", or "text_" and the language; unique among the output's text streams. */
  private static String streamName(StreamInfo info, Set<String> taken) {
    String language = info.language();
    String name =
        language == null || language.isBlank()
            ? "text"
            : "text_" + language.strip().replaceAll("[^A-Za-z0-9-]", "");
    return taken.add(name) ? name : uniqueName(name + "_" + info.trackId(), taken);
  }

  private static String uniqueName(String name, Set<String> taken) {
    String unique = name;
    for (int n = 2; !taken.add(unique); n++) {
      unique = name + "_" + n;
    }
    return unique;
  }

  private static long millis(long ticks) {
    return Math.round(ticks * 1000.0 / SmoothTime.TIMESCALE);
  }
}
