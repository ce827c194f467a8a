package org.openvod.engine.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what tests check in written playlists. */
public final class Playlists {

  private static final Pattern ATTRIBUTE = Pattern.compile("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)");

  private Playlists() {}

  /** The attributes of a tag line's attribute list, quotes removed. */
  public static Map<String, String> attributes(String tagLine) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = ATTRIBUTE.matcher(tagLine.substring(tagLine.indexOf(':') + 1));
    while (m.find()) {
      String v = m.group(2);
      out.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
    }
    return out;
  }

  /** Lines starting with {@code tag}. */
  public static List<String> tags(String playlist, String tag) {
    List<String> out = new ArrayList<>();
    for (String line : playlist.split("\n")) {
      if (line.startsWith(tag)) {
        out.add(line);
      }
    }
    return out;
  }

  /** The URI line after each EXT-X-STREAM-INF, in order. */
  public static List<String> variantUris(String multivariant) {
    List<String> out = new ArrayList<>();
    String[] lines = multivariant.split("\n");
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].startsWith("#EXT-X-STREAM-INF")) {
        out.add(lines[i + 1]);
      }
    }
    return out;
  }

  /** One media playlist entry: EXTINF and URI. */
  public record Entry(double duration, String uri) {}

  public static List<Entry> entries(String media) {
    List<Entry> out = new ArrayList<>();
    String[] lines = media.split("\n");
    Double duration = null;
    for (String line : lines) {
      if (line.startsWith("#EXTINF:")) {
        String v = line.substring(8);
        duration = Double.parseDouble(v.substring(0, v.indexOf(',')));
      } else if (!line.startsWith("#") && !line.isBlank() && duration != null) {
        out.add(new Entry(duration, line));
        duration = null;
      }
    }
    return out;
  }
}
