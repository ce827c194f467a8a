package org.openvod.engine.output.fmp4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.output.OutputSink;

/**
 * The WebVTT subtitle renditions of a CMAF output, as HLS-TS writes them: each subtitle sample (a
 * whole WebVTT document: a source segment, or a segment made from an SRT file) is one {@code
 * subtitles_<trackId>/segment_<n>.vtt}, passed through unchanged (media times of fMP4 outputs are
 * the source's, so its X-TIMESTAMP-MAP holds); per manifest a media playlist per track and the
 * multivariant playlist's EXT-X-MEDIA TYPE=SUBTITLES entries of group {@value #GROUP}.
 */
final class CmafSubtitles {

  static final String GROUP = "subs";

  /** One written segment. */
  private record Written(String file, double seconds) {}

  private static final class Track {
    final StreamInfo info;
    final List<Written> segments = new ArrayList<>();

    Track(StreamInfo info) {
      this.info = info;
    }

    String folder() {
      return "subtitles_" + info.trackId();
    }
  }

  private final Map<Integer, Track> tracks = new LinkedHashMap<>();

  /** Samples received and not written yet (writing may fail, which onSample cannot say). */
  private final List<Sample> held = new ArrayList<>();

  /** Takes a WebVTT subtitle track; true when it was one. */
  boolean accept(StreamInfo info) {
    if (info.kind() != TrackKind.SUBTITLE || info.codec() != Codec.WEBVTT) {
      return false;
    }
    tracks.put(info.trackId(), new Track(info));
    return true;
  }

  boolean handles(int trackId) {
    return tracks.containsKey(trackId);
  }

  void hold(Sample sample) {
    held.add(sample);
  }

  /** Writes the samples held. */
  void flush(OutputSink sink) throws Exception {
    for (Sample sample : held) {
      write(sample, sink);
    }
    held.clear();
  }

  private void write(Sample sample, OutputSink sink) throws Exception {
    Track track = tracks.get(sample.trackId());
    String file = "segment_" + (track.segments.size() + 1) + ".vtt";
    sink.put(track.folder() + "/" + file, sample.data(), "text/vtt");
    track.segments.add(new Written(file, sample.duration() / (double) track.info.timescale()));
  }

  private List<Track> written() {
    return tracks.values().stream().filter(t -> !t.segments.isEmpty()).toList();
  }

  /** Writes each track's media playlist of manifest {@code name}. */
  void writePlaylists(String name, OutputSink sink) throws Exception {
    for (Track track : written()) {
      double longest = track.segments.stream().mapToDouble(Written::seconds).max().orElse(1);
      StringBuilder s = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n");
      s.append("#EXT-X-TARGETDURATION:").append(Math.max(1, Math.round(longest))).append('\n');
      s.append("#EXT-X-MEDIA-SEQUENCE:1\n#EXT-X-PLAYLIST-TYPE:VOD\n");
      for (Written w : track.segments) {
        s.append("#EXTINF:").append(String.format(Locale.ROOT, "%.5f", w.seconds())).append(",\n");
        s.append(w.file()).append('\n');
      }
      s.append("#EXT-X-ENDLIST\n");
      sink.put(
          track.folder() + "/" + name + ".m3u8",
          s.toString().getBytes(StandardCharsets.UTF_8),
          "application/vnd.apple.mpegurl");
    }
  }

  /** The EXT-X-MEDIA lines of manifest {@code name}. */
  List<String> mediaLines(String name) {
    List<String> lines = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Track track : written()) {
      StreamInfo info = track.info;
      String base = info.name() != null ? info.name() : info.language();
      base = base == null || base.isBlank() ? "Subtitles" : base.replace("\"", "'");
      String unique = base;
      for (int n = 2; !names.add(unique); n++) {
        unique = base + " " + n;
      }
      StringBuilder line = new StringBuilder("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"");
      line.append(GROUP).append("\",NAME=\"").append(unique).append('"');
      if (info.language() != null && !info.language().isBlank()) {
        line.append(",LANGUAGE=\"").append(info.language()).append('"');
      }
      line.append(",AUTOSELECT=YES,DEFAULT=NO,URI=\"")
          .append(track.folder())
          .append('/')
          .append(name)
          .append(".m3u8\"");
      lines.add(line.toString());
    }
    return lines;
  }

  /** The EXT-X-STREAM-INF attribute naming the group, empty without subtitles. */
  String attribute() {
    return written().isEmpty() ? "" : ",SUBTITLES=\"" + GROUP + "\"";
  }
}
