package org.openvod.engine.source.hls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.openvod.engine.codec.Scte35;
import org.openvod.engine.media.AdMarker;

/**
 * The ad marker tags of a source media playlist, read into {@link AdMarker}s: {@code
 * EXT-X-CUE-OUT[:duration]}, {@code EXT-X-CUE-IN}, {@code EXT-OATCLS-SCTE35:<base64>} (the section
 * of the CUE tag after it), {@code EXT-X-SCTE35:CUE="<base64>"} and {@code EXT-X-DATERANGE} with
 * {@code SCTE35-OUT}, {@code SCTE35-IN} or {@code SCTE35-CMD}. A marker applies where the segment
 * after its tags starts (a DATERANGE's START-DATE is not read: it is taken to name that segment).
 * {@code EXT-X-CUE-OUT-CONT} only repeats what the CUE-OUT said and is skipped.
 */
final class CueTags {

  private CueTags() {}

  /** Whether a media playlist line is an ad marker tag to keep for its segment. */
  static boolean isCueTag(String line) {
    return (line.startsWith("#EXT-X-CUE-OUT") && !line.startsWith("#EXT-X-CUE-OUT-CONT"))
        || line.startsWith("#EXT-X-CUE-IN")
        || line.startsWith("#EXT-OATCLS-SCTE35:")
        || line.startsWith("#EXT-X-SCTE35:")
        || (line.startsWith("#EXT-X-DATERANGE:") && line.contains("SCTE35-"));
  }

  /** The markers of one segment's tags, all at {@code time} (90 kHz). */
  static List<AdMarker> markers(List<String> tags, long time) {
    List<AdMarker> out = new ArrayList<>();
    byte[] pendingSection = null;
    List<String> pendingLines = new ArrayList<>();
    for (String line : tags) {
      String value = line.indexOf(':') < 0 ? "" : line.substring(line.indexOf(':') + 1).trim();
      if (line.startsWith("#EXT-OATCLS-SCTE35:")) {
        pendingSection = base64(value);
        pendingLines.add(line);
        continue;
      }
      pendingLines.add(line);
      AdMarker marker;
      if (line.startsWith("#EXT-X-CUE-OUT")) {
        marker =
            marker(time, AdMarker.Kind.OUT, cueOutSeconds(value), pendingSection, pendingLines);
      } else if (line.startsWith("#EXT-X-CUE-IN")) {
        marker = marker(time, AdMarker.Kind.IN, -1, pendingSection, pendingLines);
      } else if (line.startsWith("#EXT-X-SCTE35:")) {
        Attributes a = Attributes.parse(value);
        marker = marker(time, null, seconds(a.get("DURATION")), base64(a.get("CUE")), pendingLines);
      } else {
        Attributes a = Attributes.parse(value);
        double seconds = seconds(a.get("DURATION"));
        if (seconds < 0) {
          seconds = seconds(a.get("PLANNED-DURATION"));
        }
        AdMarker.Kind kind = null;
        String hex = a.get("SCTE35-CMD");
        if (a.get("SCTE35-OUT") != null) {
          kind = AdMarker.Kind.OUT;
          hex = a.get("SCTE35-OUT");
        } else if (a.get("SCTE35-IN") != null) {
          kind = AdMarker.Kind.IN;
          hex = a.get("SCTE35-IN");
        }
        marker =
            marker(time, kind, kind == AdMarker.Kind.IN ? -1 : seconds, hex(hex), pendingLines);
      }
      if (marker != null) {
        out.add(marker);
      }
      pendingSection = null;
      pendingLines = new ArrayList<>();
    }
    if (pendingSection != null) {
      AdMarker marker = marker(time, null, -1, pendingSection, pendingLines);
      if (marker != null) {
        out.add(marker);
      }
    }
    return out;
  }

  /**
   * A marker of the given kind, or of the kind its section says when {@code kind} is null (none
   * when the section says no splice); the section fills in the duration and event id.
   */
  private static AdMarker marker(
      long time, AdMarker.Kind kind, double seconds, byte[] section, List<String> lines) {
    Scte35.Signal signal = null;
    if (section != null) {
      try {
        signal = Scte35.parse(section);
      } catch (IllegalArgumentException e) {
        section = null; // not a valid splice_info_section: the tag alone counts
      }
    }
    if (kind == null) {
      if (signal == null) {
        return null;
      }
      kind = AdMarker.Kind.valueOf(signal.type().name());
    }
    long duration = seconds >= 0 ? Math.round(seconds * 90000) : -1;
    if (duration < 0 && signal != null && kind == AdMarker.Kind.OUT) {
      duration = signal.duration();
    }
    long eventId = signal == null ? -1 : signal.eventId();
    return AdMarker.of(time, kind, duration, eventId, section, lines);
  }

  /** EXT-X-CUE-OUT's value: {@code 30}, {@code 30.0}, {@code DURATION=30} or nothing. */
  private static double cueOutSeconds(String value) {
    if (value.isEmpty()) {
      return -1;
    }
    String upper = value.toUpperCase(Locale.ROOT);
    if (upper.contains("DURATION=")) {
      return seconds(Attributes.parse(value).get("DURATION"));
    }
    return seconds(value);
  }

  private static double seconds(String value) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    try {
      double seconds = Double.parseDouble(value.trim());
      return seconds >= 0 && seconds < 86400 ? seconds : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static byte[] base64(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(value.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] hex(String value) {
    if (value == null || !value.toLowerCase(Locale.ROOT).startsWith("0x")) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(value.substring(2));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
