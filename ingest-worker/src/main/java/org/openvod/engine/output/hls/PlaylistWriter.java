package org.openvod.engine.output.hls;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openvod.engine.codec.ColourDescription;
import org.openvod.engine.output.ClosedCaptions;

/** Writes HLS playlists (RFC 8216) from what the muxers wrote. Pure text, no I/O. */
final class PlaylistWriter {

  private static final DateTimeFormatter PDT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  private PlaylistWriter() {}

  /** Wall-clock mapping for EXT-X-PROGRAM-DATE-TIME; interval 0 writes none. */
  record DateTimes(Instant start, double zeroSeconds, int intervalSeconds) {}

  static String media(RenditionSegments rendition, DateTimes dates) {
    return media(rendition, dates, false);
  }

  /**
   * @param repeatExtXKey an encrypted rendition's EXT-X-KEY before every segment, not only when it
   *     changes
   */
  static String media(RenditionSegments rendition, DateTimes dates, boolean repeatExtXKey) {
    return media(rendition, dates, repeatExtXKey, List.of());
  }

  /**
   * @param adTags per segment index, the ad marker lines to write before it (see {@link
   *     org.openvod.engine.output.HlsAdTags}); shorter than the segments or empty for none
   */
  static String media(
      RenditionSegments rendition,
      DateTimes dates,
      boolean repeatExtXKey,
      List<List<String>> adTags) {
    StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:");
    out.append(KeyTags.version(rendition, 3)).append('\n');
    out.append("#EXT-X-TARGETDURATION:").append(targetDuration(rendition.segments)).append('\n');
    out.append("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
    double lastDate = Double.NEGATIVE_INFINITY;
    KeyTags keys = new KeyTags(rendition.key, repeatExtXKey);
    int index = 0;
    for (SegmentRecord s : rendition.segments) {
      keys.before(index++, out);
      if (dates.intervalSeconds() > 0
          && s.startSeconds() - lastDate >= dates.intervalSeconds() - 1e-6) {
        lastDate = s.startSeconds();
        out.append("#EXT-X-PROGRAM-DATE-TIME:").append(date(dates, s.startSeconds())).append('\n');
      }
      if (index - 1 < adTags.size()) {
        adTags.get(index - 1).forEach(line -> out.append(line).append('\n'));
      }
      out.append("#EXTINF:").append(seconds(s.durationSeconds())).append(",\n");
      out.append(s.path()).append('\n');
    }
    return out.append("#EXT-X-ENDLIST\n").toString();
  }

  /** The I-frame playlist: each key frame as a byte range of its TS segment. */
  static String iframes(RenditionSegments rendition) {
    return iframes(rendition, false);
  }

  /**
   * The I-frame playlist: each key frame as a byte range of its TS segment, or, for AES-128, as a
   * file of its own (a byte range of a whole-segment-encrypted file cannot be decrypted alone).
   */
  static String iframes(RenditionSegments rendition, boolean repeatExtXKey) {
    List<String> entries = new ArrayList<>();
    KeyTags keys = new KeyTags(rendition.key, repeatExtXKey);
    double maxDuration = 0;
    List<SegmentRecord> segments = rendition.segments;
    for (int i = 0; i < segments.size(); i++) {
      SegmentRecord s = segments.get(i);
      for (int k = 0; k < s.keyFrames().size(); k++) {
        TsSegmentWriter.KeyFrame key = s.keyFrames().get(k);
        long next = nextKeyPts(segments, i, k);
        double duration = (next - key.pts()) / 90000.0;
        maxDuration = Math.max(maxDuration, Double.parseDouble(seconds(duration)));
        StringBuilder entry = new StringBuilder();
        keys.before(i, entry);
        entry.append("#EXTINF:").append(seconds(duration)).append(",\n");
        if (keys.ownIframeFiles()) {
          entry.append(RenditionKey.iframePath(rendition.folder, i, k)).append('\n');
        } else {
          entry.append("#EXT-X-BYTERANGE:").append(key.length()).append('@').append(key.offset());
          entry.append('\n').append(s.path()).append('\n');
        }
        entries.add(entry.toString());
      }
    }
    StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:");
    out.append(KeyTags.version(rendition, 4)).append('\n');
    out.append("#EXT-X-TARGETDURATION:").append((long) Math.ceil(maxDuration)).append('\n');
    out.append("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-I-FRAMES-ONLY\n");
    entries.forEach(out::append);
    return out.append("#EXT-X-ENDLIST\n").toString();
  }

  /** Peak bit rate of the I-frames alone (EXT-X-I-FRAME-STREAM-INF BANDWIDTH). */
  static long iframePeakBitrate(RenditionSegments rendition) {
    double peak = 0;
    List<SegmentRecord> segments = rendition.segments;
    for (int i = 0; i < segments.size(); i++) {
      SegmentRecord s = segments.get(i);
      for (int k = 0; k < s.keyFrames().size(); k++) {
        TsSegmentWriter.KeyFrame key = s.keyFrames().get(k);
        double duration = (nextKeyPts(segments, i, k) - key.pts()) / 90000.0;
        if (duration > 0) {
          peak = Math.max(peak, key.length() * 8 / duration);
        }
      }
    }
    return (long) Math.ceil(peak);
  }

  private static long nextKeyPts(List<SegmentRecord> segments, int i, int k) {
    SegmentRecord s = segments.get(i);
    if (k + 1 < s.keyFrames().size()) {
      return s.keyFrames().get(k + 1).pts();
    }
    for (int j = i + 1; j < segments.size(); j++) {
      if (!segments.get(j).keyFrames().isEmpty()) {
        return segments.get(j).keyFrames().get(0).pts();
      }
    }
    return segments.get(segments.size() - 1).endPts();
  }

  /** One entry of the multivariant playlist. */
  record VariantEntry(
      RenditionSegments rendition,
      String uri,
      String iframeUri,
      long bandwidth,
      long averageBandwidth,
      String codecs,
      String audioGroup) {}

  /** One EXT-X-MEDIA audio entry. */
  record AudioEntry(
      String groupId, String name, String language, boolean isDefault, int channels, String uri) {}

  /** One EXT-X-MEDIA subtitles entry. */
  record SubtitleEntry(String groupId, String name, String language, String uri) {}

  static String multivariant(
      List<VariantEntry> variants, List<AudioEntry> audio, List<SubtitleEntry> subtitles) {
    return multivariant(variants, audio, subtitles, new ClosedCaptions());
  }

  /**
   * @param captions the source's CEA-608/708 services, signalled (their bytes stay in the video)
   */
  static String multivariant(
      List<VariantEntry> variants,
      List<AudioEntry> audio,
      List<SubtitleEntry> subtitles,
      ClosedCaptions captions) {
    boolean iframes = variants.stream().anyMatch(v -> v.iframeUri() != null);
    StringBuilder out = new StringBuilder("#EXTM3U\n");
    out.append("#EXT-X-VERSION:").append(iframes ? 4 : 3).append('\n');
    out.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
    for (AudioEntry a : audio) {
      out.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"").append(a.groupId()).append('"');
      out.append(",NAME=\"").append(a.name()).append('"');
      if (a.language() != null && !a.language().isBlank()) {
        out.append(",LANGUAGE=\"").append(a.language()).append('"');
      }
      out.append(",AUTOSELECT=YES,DEFAULT=").append(a.isDefault() ? "YES" : "NO");
      if (a.channels() > 0) {
        out.append(",CHANNELS=\"").append(a.channels()).append('"');
      }
      out.append(",URI=\"").append(a.uri()).append("\"\n");
    }
    for (SubtitleEntry t : subtitles) {
      out.append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"").append(t.groupId()).append('"');
      out.append(",NAME=\"").append(t.name()).append('"');
      if (t.language() != null && !t.language().isBlank()) {
        out.append(",LANGUAGE=\"").append(t.language()).append('"');
      }
      out.append(",AUTOSELECT=YES,DEFAULT=NO,URI=\"").append(t.uri()).append("\"\n");
    }
    captions.hlsMedia().forEach(line -> out.append(line).append('\n'));
    for (VariantEntry v : variants) {
      var info = v.rendition().main;
      out.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(v.bandwidth());
      out.append(",AVERAGE-BANDWIDTH=").append(v.averageBandwidth());
      out.append(",CODECS=\"").append(v.codecs()).append('"');
      if (info.width() > 0 && info.height() > 0) {
        out.append(",RESOLUTION=").append(info.width()).append('x').append(info.height());
      }
      if (info.frameRate() > 0) {
        out.append(",FRAME-RATE=").append(String.format(Locale.ROOT, "%.3f", info.frameRate()));
      }
      ColourDescription colour = ColourDescription.of(info.codec(), info.decoderConfig());
      if (colour.isHdr()) {
        out.append(",VIDEO-RANGE=").append(colour.videoRange());
      }
      if (v.audioGroup() != null) {
        out.append(",AUDIO=\"").append(v.audioGroup()).append('"');
      }
      if (!subtitles.isEmpty()) {
        out.append(",SUBTITLES=\"").append(subtitles.get(0).groupId()).append('"');
      }
      out.append(captions.hlsAttribute(info.renditionId()));
      out.append('\n').append(v.uri()).append('\n');
    }
    for (VariantEntry v : variants) {
      if (v.iframeUri() == null) {
        continue;
      }
      var info = v.rendition().main;
      out.append("#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=").append(iframePeakBitrate(v.rendition()));
      out.append(",CODECS=\"").append(info.codecString()).append('"');
      if (info.width() > 0 && info.height() > 0) {
        out.append(",RESOLUTION=").append(info.width()).append('x').append(info.height());
      }
      out.append(",URI=\"").append(v.iframeUri()).append("\"\n");
    }
    return out.toString();
  }

  static String codecs(List<String> codecStrings) {
    Set<String> distinct = new LinkedHashSet<>(codecStrings);
    return String.join(",", distinct);
  }

  /** TARGETDURATION: the longest EXTINF as written, rounded up. */
  static long targetDuration(List<SegmentRecord> segments) {
    double max = 0;
    for (SegmentRecord s : segments) {
      max = Math.max(max, Double.parseDouble(seconds(s.durationSeconds())));
    }
    return Math.max(1, (long) Math.ceil(max));
  }

  static String seconds(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String date(DateTimes dates, double seconds) {
    long millis = Math.round((seconds - dates.zeroSeconds()) * 1000);
    return PDT.format(dates.start().plusMillis(millis));
  }
}
