package org.openvod.engine.output.fmp4;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openvod.engine.codec.ColourDescription;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.output.FileParts;
import org.openvod.engine.output.HlsAdTags;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputSpec;

/**
 * HLS with fMP4 (CMAF) segments. Per track a folder {@code video_<id>/} or {@code audio_<id>/} with
 * {@code init.mp4}, {@code segment_<n>.m4s} (and {@code iframe_<n>.m4s}, the key frame of each
 * segment, when a manifest asks for I-frame playlists), then per manifest a media playlist {@code
 * <folder>/<name>.m3u8} for each of its tracks, and last the multivariant playlist {@code
 * <name>.m3u8}. Audio is always in one EXT-X-MEDIA group, as CMAF tracks are never muxed.
 */
public final class CmafOutput extends FragmentedOutput {

  static final String AUDIO_GROUP = "audio";

  private final Instant programDateTimeStart;
  private final boolean iframes;
  private final Map<FragmentedTrack, SegmentLog> logs = new HashMap<>();
  private final CmafSubtitles subtitles = new CmafSubtitles();

  /** Peak bits per second of each video track's I-frame segments. */
  private final Map<FragmentedTrack, Long> iframePeaks = new HashMap<>();

  public CmafOutput(OutputSpec spec) {
    this(spec, Instant.EPOCH);
  }

  /**
   * @param programDateTimeStart wall clock of the first sample, for EXT-X-PROGRAM-DATE-TIME when a
   *     manifest asks for it
   */
  public CmafOutput(OutputSpec spec, Instant programDateTimeStart) {
    super(spec);
    this.programDateTimeStart = programDateTimeStart;
    this.iframes = spec.manifests().stream().anyMatch(ManifestSpec::includeIframeOnlyStream);
  }

  @Override
  public void onStreamInfo(StreamInfo info) throws Exception {
    if (!subtitles.accept(info)) {
      super.onStreamInfo(info);
    }
  }

  @Override
  public void onSample(Sample sample) {
    if (subtitles.handles(sample.trackId())) {
      subtitles.hold(sample);
    } else {
      super.onSample(sample);
    }
  }

  @Override
  public void onSegmentEnd(int trackId, int index, long startTime, long duration) throws Exception {
    subtitles.flush(spec.sink());
    super.onSegmentEnd(trackId, index, startTime, duration);
  }

  @Override
  protected void onSegment(FragmentedTrack track, Segment segment) throws Exception {
    CmafTrackFiles files = CmafTrackFiles.of(track);
    SegmentLog log = logs.get(track);
    if (log == null) {
      spec.sink()
          .put(
              files.init(),
              InitSegment.build(track.info(), track.parameterSetsInBand(), track.protection()),
              "video/mp4");
      log = new SegmentLog(track.info().timescale());
      logs.put(track, log);
    }
    FileParts bytes =
        MediaSegment.parts(segment.number(), segment.baseDecodeTime(), segment.samples());
    spec.sink().putParts(files.segment(segment.number()), bytes, "video/iso.segment");
    log.add(segment, bytes.length());
    if (iframes && track.info().kind() == TrackKind.VIDEO) {
      FragmentSample key = segment.firstKeyframe();
      byte[] iframe =
          MediaSegment.build(
              segment.number(),
              segment.baseDecodeTime(),
              List.of(key.asIframe(segment.duration())));
      spec.sink().put(files.iframe(segment.number()), iframe, "video/iso.segment");
      double seconds = log.seconds(segment.duration());
      if (seconds > 0) {
        iframePeaks.merge(track, (long) Math.ceil(iframe.length * 8 / seconds), Math::max);
      }
    }
  }

  @Override
  protected boolean hasSegments(FragmentedTrack track) {
    return logs.containsKey(track);
  }

  @Override
  protected void finish(List<FragmentedTrack> tracks) throws Exception {
    subtitles.flush(spec.sink());
    List<FragmentedTrack> videos = new ArrayList<>();
    List<FragmentedTrack> audios = new ArrayList<>();
    for (FragmentedTrack t : tracks) {
      (t.info().kind() == TrackKind.VIDEO ? videos : audios).add(t);
    }
    List<List<FragmentedTrack>> selections = new ArrayList<>();
    for (ManifestSpec manifest : spec.manifests()) {
      selections.add(StreamSelection.videos(manifest, videos, v -> logs.get(v).averageBitrate()));
    }
    for (int m = 0; m < spec.manifests().size(); m++) {
      ManifestSpec manifest = spec.manifests().get(m);
      List<FragmentedTrack> selected = selections.get(m);
      Set<FragmentedTrack> used = new LinkedHashSet<>(selected);
      used.addAll(audios);
      for (FragmentedTrack t : used) {
        writeMediaPlaylists(t, manifest);
      }
      subtitles.writePlaylists(manifest.name(), spec.sink());
      put(manifest.fileName(spec.format()), multivariant(manifest, selected, audios));
    }
  }

  private void writeMediaPlaylists(FragmentedTrack track, ManifestSpec manifest) throws Exception {
    CmafTrackFiles files = CmafTrackFiles.of(track);
    SegmentLog log = logs.get(track);
    Instant dateTime = manifest.programDateTimeIntervalSeconds() > 0 ? programDateTimeStart : null;
    List<String> keys = CmafKeyTags.keys(track.protection());
    put(
        files.mediaPlaylist(manifest.name()),
        CmafPlaylists.media(
            log,
            CmafTrackFiles.local(files.init()),
            n -> CmafTrackFiles.local(files.segment(n)),
            false,
            dateTime,
            manifest.programDateTimeIntervalSeconds(),
            keys,
            manifest.repeatExtXKey(),
            HlsAdTags.forSegments(
                manifest.adMarkers(),
                adMarkers(),
                log.entries().stream().map(e -> log.seconds(e.duration())).toList())));
    if (manifest.includeIframeOnlyStream() && track.info().kind() == TrackKind.VIDEO) {
      put(
          files.iframePlaylist(manifest.name()),
          CmafPlaylists.media(
              log,
              CmafTrackFiles.local(files.init()),
              n -> CmafTrackFiles.local(files.iframe(n)),
              true,
              dateTime,
              manifest.programDateTimeIntervalSeconds(),
              keys,
              manifest.repeatExtXKey(),
              List.of())); // ad tags go in the media playlists only
    }
  }

  private String multivariant(
      ManifestSpec manifest, List<FragmentedTrack> videos, List<FragmentedTrack> audios) {
    StringBuilder s = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    // the keys up front, so a player can request licenses before it loads a media playlist
    Set<String> sessionKeys = new LinkedHashSet<>();
    for (FragmentedTrack t : videos) {
      sessionKeys.addAll(CmafKeyTags.attributes(t.protection()));
    }
    for (FragmentedTrack t : audios) {
      sessionKeys.addAll(CmafKeyTags.attributes(t.protection()));
    }
    sessionKeys.forEach(k -> s.append("#EXT-X-SESSION-KEY:").append(k).append('\n'));
    Set<String> names = new LinkedHashSet<>();
    long audioPeak = 0;
    long audioAverage = 0;
    Set<String> audioCodecs = new LinkedHashSet<>();
    for (FragmentedTrack a : audios) {
      String name = uniqueName(a, names);
      s.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"").append(AUDIO_GROUP).append('"');
      if (a.info().language() != null) {
        s.append(",LANGUAGE=\"").append(a.info().language()).append('"');
      }
      s.append(",NAME=\"").append(name).append('"');
      s.append(",AUTOSELECT=YES,DEFAULT=").append(names.size() == 1 ? "YES" : "NO");
      if (a.info().channels() > 0) {
        s.append(",CHANNELS=\"").append(a.info().channels()).append('"');
      }
      s.append(",URI=\"")
          .append(CmafTrackFiles.of(a).mediaPlaylist(manifest.name()))
          .append("\"\n");
      audioPeak = Math.max(audioPeak, logs.get(a).peakBitrate());
      audioAverage = Math.max(audioAverage, logs.get(a).averageBitrate());
      audioCodecs.add(a.codecString());
    }
    subtitles.mediaLines(manifest.name()).forEach(line -> s.append(line).append('\n'));
    closedCaptions().hlsMedia().forEach(line -> s.append(line).append('\n'));
    for (FragmentedTrack v : videos) {
      SegmentLog log = logs.get(v);
      Set<String> codecs = new LinkedHashSet<>();
      codecs.add(v.codecString());
      codecs.addAll(audioCodecs);
      s.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(log.peakBitrate() + audioPeak);
      s.append(",AVERAGE-BANDWIDTH=").append(log.averageBitrate() + audioAverage);
      s.append(",CODECS=\"").append(String.join(",", codecs)).append('"');
      s.append(",RESOLUTION=").append(v.info().width()).append('x').append(v.info().height());
      if (v.info().frameRate() > 0) {
        s.append(",FRAME-RATE=").append(CmafPlaylists.decimal(v.info().frameRate(), 3));
      }
      ColourDescription colour = ColourDescription.of(v.info().codec(), v.info().decoderConfig());
      if (colour.isHdr()) {
        s.append(",VIDEO-RANGE=").append(colour.videoRange());
      }
      if (!audios.isEmpty()) {
        s.append(",AUDIO=\"").append(AUDIO_GROUP).append('"');
      }
      s.append(subtitles.attribute());
      s.append(closedCaptions().hlsAttribute(v.info().renditionId()));
      s.append('\n').append(CmafTrackFiles.of(v).mediaPlaylist(manifest.name())).append('\n');
    }
    if (manifest.includeIframeOnlyStream()) {
      for (FragmentedTrack v : videos) {
        s.append("#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=").append(iframePeaks.getOrDefault(v, 0L));
        s.append(",CODECS=\"").append(v.codecString()).append('"');
        s.append(",RESOLUTION=").append(v.info().width()).append('x').append(v.info().height());
        s.append(",URI=\"").append(CmafTrackFiles.of(v).iframePlaylist(manifest.name()));
        s.append("\"\n");
      }
    }
    return s.toString();
  }

  private static String uniqueName(FragmentedTrack a, Set<String> names) {
    String base = a.info().name();
    if (base == null || base.isBlank()) {
      base = a.info().language() != null ? a.info().language() : "audio";
    }
    base = base.replace("\"", "'");
    String name = base;
    for (int i = 2; !names.add(name); i++) {
      name = String.format(Locale.ROOT, "%s %d", base, i);
    }
    return name;
  }

  private void put(String path, String text) throws Exception {
    spec.sink().put(path, text.getBytes(StandardCharsets.UTF_8), "application/vnd.apple.mpegurl");
  }
}
