package org.openvod.engine.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the cues of one WebVTT document (an HLS subtitle segment, or one the engine made from SRT)
 * onto the media timeline: its X-TIMESTAMP-MAP says which 90 kHz time its LOCAL time is, and the
 * engine keeps the source's 90 kHz clock as the media time of fMP4 outputs. Cue text lines keep
 * their WebVTT markup; blocks that are not cues (NOTE, STYLE, REGION, or no timing line) are
 * skipped, so a damaged block costs only itself.
 */
public final class WebVttCues {

  // bounded digit counts: no number a long cannot hold
  private static final String TIME = "(?:(\\d{1,9}):)?(\\d{1,2}):(\\d{1,2})\\.(\\d{3})";
  private static final Pattern TIMING =
      Pattern.compile("\\s*" + TIME + "\\s+-->\\s+" + TIME + "(?:\\s.*)?");
  private static final Pattern MAP_MPEGTS = Pattern.compile("MPEGTS:(\\d{1,15})");
  private static final Pattern MAP_LOCAL = Pattern.compile("LOCAL:" + TIME);
  private static final long WRAP = 1L << 33;

  private WebVttCues() {}

  /**
   * @param referencePts a 90 kHz time near the document's cues (its sample's time): the mapped
   *     times are unwrapped to lie within half a 33-bit wrap of it, as the demuxer unwrapped it
   * @return the cues in document order, times in media milliseconds
   */
  public static List<Srt.Cue> parse(byte[] document, long referencePts) {
    String text = new String(document, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\r\n|\r|\n", -1);
    long offsetTicks = mapOffset(lines, referencePts);
    List<Srt.Cue> cues = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      Matcher timing = TIMING.matcher(lines[i]);
      if (!timing.matches() || lines[i].startsWith("X-TIMESTAMP-MAP")) {
        i++;
        continue;
      }
      long start = millis(timing, 1);
      long end = millis(timing, 5);
      List<String> body = new ArrayList<>();
      for (i++; i < lines.length && !lines[i].isBlank(); i++) {
        body.add(lines[i]);
      }
      if (end > start) {
        cues.add(
            new Srt.Cue(
                Math.round((start * 90 + offsetTicks) / 90.0),
                Math.round((end * 90 + offsetTicks) / 90.0),
                List.copyOf(body)));
      }
    }
    return cues;
  }

  /**
   * Ticks to add to a LOCAL time (in 90 kHz ticks) to get its media time: MPEGTS - LOCAL; 0 when
   * the document has no map (its cue times are then media times, as the SMIL SRT ones are).
   */
  private static long mapOffset(String[] lines, long referencePts) {
    for (String line : lines) {
      if (line.isBlank()) {
        break; // the header ends at the first blank line
      }
      if (!line.startsWith("X-TIMESTAMP-MAP=")) {
        continue;
      }
      Matcher mpegts = MAP_MPEGTS.matcher(line);
      Matcher local = MAP_LOCAL.matcher(line);
      if (!mpegts.find()) {
        return 0;
      }
      long ticks = Long.parseLong(mpegts.group(1));
      long localTicks = local.find() ? millis(local, 1) * 90 : 0;
      // the 33-bit MPEGTS value, moved by whole wraps next to the unwrapped sample time
      long wraps = Math.round((referencePts - ticks) / (double) WRAP);
      return ticks + wraps * WRAP - localTicks;
    }
    return 0;
  }

  private static long millis(Matcher m, int group) {
    long hours = m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    long minutes = Long.parseLong(m.group(group + 1));
    long seconds = Long.parseLong(m.group(group + 2));
    long ms = Long.parseLong(m.group(group + 3));
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;
  }
}
