package org.openvod.engine.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.StreamInfo;

/**
 * The CEA-608/708 caption services of a source (stream infos of codec {@link Codec#CEA608}) and how
 * manifests signal them. The caption bytes stay in the video's SEI, which every output passes
 * through; only the signalling is written: HLS {@code EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS} plus {@code
 * CLOSED-CAPTIONS} on the variants whose video carries them, DASH an {@code Accessibility}
 * descriptor (SCTE 214-1 {@code urn:scte:dash:cc:cea-608:2015}, value {@code CC1=eng;CC3=spa}).
 */
public final class ClosedCaptions {

  public static final String GROUP = "cc";
  public static final String DASH_SCHEME = "urn:scte:dash:cc:cea-608:2015";

  /** Services by INSTREAM-ID (first seen wins), and the renditions whose video has captions. */
  private final Map<String, StreamInfo> services = new LinkedHashMap<>();

  private final Set<Integer> renditions = new TreeSet<>();

  /** Takes a stream info if it is a caption service; true when it was one. */
  public boolean accept(StreamInfo info) {
    if (info.codec() != Codec.CEA608 || info.codecString() == null) {
      return false;
    }
    services.putIfAbsent(info.codecString(), info);
    renditions.add(info.renditionId());
    return true;
  }

  public boolean isEmpty() {
    return services.isEmpty();
  }

  /** Whether the video of source rendition {@code renditionId} carries captions. */
  public boolean carriedBy(int renditionId) {
    return renditions.contains(renditionId);
  }

  /** The EXT-X-MEDIA lines of the caption group, one per service. */
  public List<String> hlsMedia() {
    List<String> lines = new ArrayList<>();
    for (StreamInfo s : services.values()) {
      StringBuilder line =
          new StringBuilder("#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID=\"")
              .append(GROUP)
              .append('"');
      String name = s.name() != null ? s.name() : s.language() != null ? s.language() : "Captions";
      line.append(",NAME=\"").append(name.replace("\"", "'")).append('"');
      if (s.language() != null && !s.language().isBlank()) {
        line.append(",LANGUAGE=\"").append(s.language()).append('"');
      }
      line.append(",AUTOSELECT=YES,DEFAULT=NO,INSTREAM-ID=\"").append(s.codecString()).append('"');
      lines.add(line.toString());
    }
    return lines;
  }

  /** The EXT-X-STREAM-INF attribute for a variant of source rendition {@code renditionId}. */
  public String hlsAttribute(int renditionId) {
    return carriedBy(renditionId) ? ",CLOSED-CAPTIONS=\"" + GROUP + "\"" : "";
  }

  /** The DASH Accessibility value of the CEA-608 services: {@code CC1=eng;CC3=spa}. */
  public String dashValue() {
    List<String> parts = new ArrayList<>();
    for (StreamInfo s : services.values()) {
      if (s.codecString().startsWith("CC")) {
        String language = s.language() == null || s.language().isBlank() ? "und" : s.language();
        parts.add(s.codecString() + "=" + language);
      }
    }
    return String.join(";", parts);
  }
}
