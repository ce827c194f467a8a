package org.openvod.engine.output.fmp4;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/** Writes HLS media playlists (and I-frame playlists) for fMP4 segments. */
final class CmafPlaylists {

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  private CmafPlaylists() {}

  /**
   * @param uri names segment {@code number}'s file, relative to the playlist
   * @param programDateTimeStart wall clock of the track's time 0, or null for no
   *     EXT-X-PROGRAM-DATE-TIME
   * @param keyTags EXT-X-KEY lines of an encrypted track (before the EXT-X-MAP), empty when clear
   * @param repeatKeys repeat them before every segment (repeatExtXKey)
   * @param adTags per segment (in log order), the ad marker lines to write before it (see {@link
   *     org.openvod.engine.output.HlsAdTags}); empty for none
   */
  static String media(
      SegmentLog log,
      String initUri,
      IntFunction<String> uri,
      boolean iframesOnly,
      Instant programDateTimeStart,
      int programDateTimeInterval,
      List<String> keyTags,
      boolean repeatKeys,
      List<List<String>> adTags) {
    StringBuilder s = new StringBuilder();
    s.append("#EXTM3U\n#EXT-X-VERSION:6\n");
    s.append("#EXT-X-TARGETDURATION:").append(targetDuration(log.entries(), log)).append('\n');
    s.append("#EXT-X-MEDIA-SEQUENCE:1\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    if (iframesOnly) {
      s.append("#EXT-X-I-FRAMES-ONLY\n");
    }
    keyTags.forEach(tag -> s.append(tag).append('\n'));
    s.append("#EXT-X-MAP:URI=\"").append(initUri).append("\"\n");
    double nextDateTime = 0;
    double elapsed = 0;
    boolean firstSegment = true;
    int index = 0;
    for (SegmentLog.Entry e : log.entries()) {
      if (repeatKeys && !firstSegment) {
        keyTags.forEach(tag -> s.append(tag).append('\n'));
      }
      firstSegment = false;
      if (programDateTimeStart != null && programDateTimeInterval > 0 && elapsed >= nextDateTime) {
        Instant at = programDateTimeStart.plusNanos(Math.round(elapsed * 1e9));
        s.append("#EXT-X-PROGRAM-DATE-TIME:").append(DATE_TIME.format(at)).append('\n');
        nextDateTime = elapsed + programDateTimeInterval - 1e-6;
      }
      if (index < adTags.size()) {
        adTags.get(index).forEach(tag -> s.append(tag).append('\n'));
      }
      index++;
      s.append("#EXTINF:").append(decimal(log.seconds(e.duration()), 5)).append(",\n");
      s.append(uri.apply(e.number())).append('\n');
      elapsed += log.seconds(e.duration());
    }
    s.append("#EXT-X-ENDLIST\n");
    return s.toString();
  }

  /** The largest EXTINF rounded to the nearest integer (RFC 8216 4.3.3.1). */
  static long targetDuration(List<SegmentLog.Entry> entries, SegmentLog log) {
    double max = 0;
    for (SegmentLog.Entry e : entries) {
      max = Math.max(max, log.seconds(e.duration()));
    }
    return Math.max(1, Math.round(max));
  }

  static String decimal(double v, int places) {
    return String.format(Locale.ROOT, "%." + places + "f", v);
  }
}
