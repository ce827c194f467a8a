package org.openvod.engine.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes WebVTT documents for HLS subtitle segments, and moves their X-TIMESTAMP-MAP.
 *
 * <p>A segment's document holds every cue that overlaps the segment's time (a cue longer than a
 * segment repeats in each, as HLS expects), with cue times on the media timeline, and maps them
 * onto the 90 kHz MPEG-TS clock with {@code X-TIMESTAMP-MAP=MPEGTS:<ticks>,LOCAL:00:00:00.000}.
 */
public final class WebVtt {

  private static final Pattern MAP = Pattern.compile("X-TIMESTAMP-MAP=([^\\r\\n]*)");
  private static final Pattern MPEGTS = Pattern.compile("MPEGTS:(\\d+)");
  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z]+)[^>]*>");

  private WebVtt() {}

  /**
   * The document of the segment {@code [fromMillis, toMillis)}.
   *
   * @param mpegts 90 kHz time of the media timeline's 0
   */
  public static byte[] segment(List<Srt.Cue> cues, long fromMillis, long toMillis, long mpegts) {
    StringBuilder s = new StringBuilder("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:");
    s.append(mpegts).append(",LOCAL:00:00:00.000\n");
    for (Srt.Cue cue : cues) {
      if (cue.endMillis() <= fromMillis || cue.startMillis() >= toMillis) {
        continue;
      }
      s.append('\n').append(time(cue.startMillis())).append(" --> ").append(time(cue.endMillis()));
      s.append('\n');
      for (String line : cue.lines()) {
        s.append(text(line)).append('\n');
      }
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The document with its X-TIMESTAMP-MAP's MPEGTS moved by {@code ticks} (an output that shifts
   * its TS clock moves its subtitles with it); unchanged when it has none or {@code ticks} is 0.
   */
  public static byte[] shiftTimestampMap(byte[] document, long ticks) {
    if (ticks == 0) {
      return document;
    }
    String text = new String(document, StandardCharsets.UTF_8);
    Matcher map = MAP.matcher(text);
    if (!map.find()) {
      return document;
    }
    Matcher mpegts = MPEGTS.matcher(map.group(1));
    if (!mpegts.find()) {
      return document;
    }
    long moved = (Long.parseLong(mpegts.group(1)) + ticks) & ((1L << 33) - 1);
    String value =
        map.group(1).substring(0, mpegts.start(1)) + moved + map.group(1).substring(mpegts.end(1));
    return (text.substring(0, map.start(1)) + value + text.substring(map.end(1)))
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A clock time, hh:mm:ss.mmm (hours in as many digits as needed): WebVTT's cue timing, and TTML's
   * clock-time form on the media timeline as {@link Ttml} writes it.
   */
  static String time(long millis) {
    return String.format(
        Locale.ROOT,
        "%02d:%02d:%02d.%03d",
        millis / 3_600_000,
        millis / 60_000 % 60,
        millis / 1000 % 60,
        millis % 1000);
  }

  /**
   * A cue text line: SRT's b, i and u tags stay (WebVTT has them), other tags (font) go, and '&',
   * '<' and "-->" are escaped.
   */
  static String text(String line) {
    StringBuilder out = new StringBuilder();
    Matcher tag = TAG.matcher(line);
    int at = 0;
    while (tag.find()) {
      out.append(escape(line.substring(at, tag.start())));
      String name = tag.group(2).toLowerCase(Locale.ROOT);
      if (name.equals("b") || name.equals("i") || name.equals("u")) {
        out.append('<').append(tag.group(1)).append(name).append('>');
      }
      at = tag.end();
    }
    out.append(escape(line.substring(at)));
    return out.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Splits {@code [0, endMillis)} into segments of {@code segmentMillis}: their starts. */
  public static List<Long> segmentStarts(long endMillis, long segmentMillis) {
    List<Long> starts = new ArrayList<>();
    for (long t = 0; t < endMillis; t += segmentMillis) {
      starts.add(t);
    }
    return starts;
  }
}
