package org.openvod.engine.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SubRip (.srt) subtitles: blocks of an optional counter line, a {@code HH:MM:SS,mmm -->
 * HH:MM:SS,mmm} timing line (a '.' before the milliseconds, hours of any width and trailing
 * position coordinates are tolerated) and text lines, separated by blank lines.
 */
public final class Srt {

  /** One subtitle: its time span in milliseconds and its text lines. */
  public record Cue(long startMillis, long endMillis, List<String> lines) {}

  private static final Pattern TIMING =
      Pattern.compile(
          "\\s*(\\d+):(\\d{1,2}):(\\d{1,2})[,.](\\d{1,3})\\s*-->\\s*"
              + "(\\d+):(\\d{1,2}):(\\d{1,2})[,.](\\d{1,3}).*");

  private Srt() {}

  /**
   * @throws IllegalArgumentException a block has no valid timing line, or a cue ends before it
   *     starts; the message names the line
   */
  public static List<Cue> parse(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\r\n|\r|\n", -1);
    List<Cue> cues = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      if (lines[i].isBlank()) {
        i++;
        continue;
      }
      int blockLine = i + 1;
      Matcher timing = TIMING.matcher(lines[i]);
      if (!timing.matches() && i + 1 < lines.length) {
        timing = TIMING.matcher(lines[++i]); // the counter line came first
      }
      if (!timing.matches()) {
        throw new IllegalArgumentException(
            "line " + blockLine + ": no 'HH:MM:SS,mmm --> HH:MM:SS,mmm' timing line");
      }
      long start = millis(timing, 1);
      long end = millis(timing, 5);
      if (end < start) {
        throw new IllegalArgumentException("line " + (i + 1) + ": the cue ends before it starts");
      }
      List<String> body = new ArrayList<>();
      for (i++; i < lines.length && !lines[i].isBlank(); i++) {
        body.add(lines[i]);
      }
      cues.add(new Cue(start, end, List.copyOf(body)));
    }
    return cues;
  }

  private static long millis(Matcher m, int group) {
    long hours = Long.parseLong(m.group(group));
    long minutes = Long.parseLong(m.group(group + 1));
    long seconds = Long.parseLong(m.group(group + 2));
    String fraction = m.group(group + 3);
    long ms =
        Long.parseLong(fraction) * (fraction.length() == 1 ? 100 : fraction.length() == 2 ? 10 : 1);
    if (minutes > 59 || seconds > 59 || hours > 1_000_000) {
      throw new IllegalArgumentException("timing " + m.group(0).trim() + " is out of range");
    }
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;
  }
}
