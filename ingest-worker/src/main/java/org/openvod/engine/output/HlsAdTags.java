package org.openvod.engine.output;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openvod.engine.media.AdMarker;

/**
 * The ad marker tags of one HLS media playlist (TS or CMAF), per HlsManifest.adMarkers:
 *
 * <ul>
 *   <li>{@code NONE}: none.
 *   <li>{@code SCTE35_ENHANCED}: as MediaPackage and MediaConvert write them: before the first
 *       segment of a break {@code EXT-OATCLS-SCTE35:<base64 section>} (when the source carried one)
 *       and {@code EXT-X-CUE-OUT:<seconds>}; before each further segment of the break {@code
 *       EXT-X-CUE-OUT-CONT:ElapsedTime=<s>,Duration=<s>[,SCTE35=<base64>]}; before the first
 *       segment after it {@code EXT-X-CUE-IN} (after its section's EXT-OATCLS-SCTE35). No
 *       EXT-X-DATERANGE: MediaPackage VOD does not write DATERANGE ad markers.
 *   <li>{@code PASSTHROUGH}: the source's own marker tags where the source playlist had them; for
 *       SCTE-35 carried in the TS, {@code EXT-X-SCTE35:CUE="<base64 section>"}.
 * </ul>
 *
 * A break ends at the next IN marker (the segmenter adds one where a break's duration runs out);
 * its CUE-OUT duration is the marker's, or else the segments' up to that end.
 */
public final class HlsAdTags {

  private HlsAdTags() {}

  /**
   * @param markers placed markers (segment indexes of the output's first video track)
   * @param durations every segment's duration in seconds, index by index
   * @return per segment the lines to write before its EXTINF (empty lists when none)
   */
  public static List<List<String>> forSegments(
      String mode, List<AdMarker> markers, List<Double> durations) {
    List<List<String>> tags = new ArrayList<>();
    for (int i = 0; i < durations.size(); i++) {
      tags.add(new ArrayList<>());
    }
    if (mode == null || markers.isEmpty() || durations.isEmpty()) {
      return tags;
    }
    List<AdMarker> sorted =
        markers.stream()
            .filter(m -> m.segmentIndex() >= 0 && m.segmentIndex() < durations.size())
            .sorted(Comparator.comparingInt(AdMarker::segmentIndex).thenComparing(m -> m.time()))
            .toList();
    switch (mode) {
      case "SCTE35_ENHANCED" -> enhanced(sorted, durations, tags);
      case "PASSTHROUGH" -> passthrough(sorted, tags);
      default -> {}
    }
    return tags;
  }

  private static void passthrough(List<AdMarker> markers, List<List<String>> tags) {
    for (AdMarker m : markers) {
      List<String> lines = tags.get(m.segmentIndex());
      if (!m.sourceTags().isEmpty()) {
        lines.addAll(m.sourceTags());
      } else if (m.scte35() != null) {
        lines.add("#EXT-X-SCTE35:CUE=\"" + base64(m) + "\"");
      }
    }
  }

  private static void enhanced(
      List<AdMarker> markers, List<Double> durations, List<List<String>> tags) {
    AdMarker open = null;
    double breakSeconds = 0;
    double elapsed = 0;
    int next = 0;
    for (int i = 0; i < durations.size(); i++) {
      List<String> lines = tags.get(i);
      boolean started = false;
      while (next < markers.size() && markers.get(next).segmentIndex() == i) {
        AdMarker m = markers.get(next++);
        if (m.kind() == AdMarker.Kind.IN && open != null) {
          if (m.scte35() != null) {
            lines.add("#EXT-OATCLS-SCTE35:" + base64(m));
          }
          lines.add("#EXT-X-CUE-IN");
          open = null;
        } else if (m.kind() == AdMarker.Kind.OUT && open == null) {
          open = m;
          started = true;
          elapsed = 0;
          breakSeconds =
              m.hasDuration() ? m.durationSeconds() : untilReturn(markers, next, i, durations);
          if (m.scte35() != null) {
            lines.add("#EXT-OATCLS-SCTE35:" + base64(m));
          }
          lines.add("#EXT-X-CUE-OUT:" + seconds(breakSeconds));
        }
      }
      if (open != null && !started) {
        StringBuilder cont =
            new StringBuilder("#EXT-X-CUE-OUT-CONT:ElapsedTime=")
                .append(seconds(elapsed))
                .append(",Duration=")
                .append(seconds(breakSeconds));
        if (open.scte35() != null) {
          cont.append(",SCTE35=").append(base64(open));
        }
        lines.add(cont.toString());
      }
      if (open != null) {
        elapsed += durations.get(i);
      }
    }
  }

  /** A break without a duration lasts until the next IN marker, or to the end. */
  private static double untilReturn(
      List<AdMarker> markers, int from, int start, List<Double> durations) {
    int end = durations.size();
    for (int k = from; k < markers.size(); k++) {
      if (markers.get(k).kind() == AdMarker.Kind.IN && markers.get(k).segmentIndex() > start) {
        end = markers.get(k).segmentIndex();
        break;
      }
    }
    double total = 0;
    for (int i = start; i < end; i++) {
      total += durations.get(i);
    }
    return total;
  }

  private static String base64(AdMarker m) {
    return Base64.getEncoder().encodeToString(m.scte35());
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
