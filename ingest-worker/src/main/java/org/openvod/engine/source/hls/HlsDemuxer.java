package org.openvod.engine.source.hls;

import static org.openvod.engine.media.PackagingException.Reason.MALFORMED_SOURCE;
import static org.openvod.engine.media.PackagingException.Reason.TOO_MANY_STREAMS;
import static org.openvod.engine.media.PackagingException.Reason.UNSUPPORTED_CONTENT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvod.engine.media.AdMarker;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.pipeline.Demuxer;
import org.openvod.engine.pipeline.MediaHandler;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.ByteSource;
import org.openvod.engine.source.SourceLocator;

/**
 * Reads an HLS-TS VOD source: its multivariant (or single media) playlist, every variant and audio
 * rendition playlist, and their TS segments, one segment at a time.
 *
 * <p>Each variant and each audio rendition with a URI of its own is one rendition ({@link
 * StreamInfo#renditionId}). Every stream info goes out before any sample (the first segment of each
 * rendition is read ahead to learn the formats); then segments are read in playlist time order
 * across renditions, so downstream buffers stay small. Times are 90 kHz.
 */
public final class HlsDemuxer implements Demuxer {

  /** MediaPackage VOD's limit on streams in one source. */
  public static final int MAX_STREAMS = 20;

  private static final int MAX_PLAYLIST_BYTES = 16 << 20;

  private final SourceLocator source;
  private final String playlistPath;
  private final List<SubtitleRendition> subtitles = new ArrayList<>();
  private int nextTrackId = 1;

  public HlsDemuxer(SourceLocator source, String playlistPath) {
    this.source = source;
    this.playlistPath = playlistPath;
  }

  /** One playlist to read and what the multivariant playlist says of it. */
  private record Rendition(
      int id,
      String path,
      long bandwidth,
      String language,
      String name,
      List<ClosedCaptionRendition> captions) {

    Rendition(int id, String path, long bandwidth, String language, String name) {
      this(id, path, bandwidth, language, name, List.of());
    }
  }

  /** One elementary stream on its way out: holds a sample back until its duration is known. */
  private static final class Track {
    final StreamInfo info;
    final long nominalDuration;
    Sample pending;
    long lastDelta;

    Track(StreamInfo info, long nominalDuration) {
      this.info = info;
      this.nominalDuration = nominalDuration;
    }
  }

  @Override
  public void run(MediaHandler downstream, ProgressListener progress) throws Exception {
    List<Rendition> renditions = renditions();
    List<RenditionReader> readers = new ArrayList<>();
    int totalSegments = 0;
    for (Rendition rendition : renditions) {
      MediaPlaylist playlist = PlaylistParser.parseMedia(rendition.path(), text(rendition.path()));
      readers.add(new RenditionReader(source, playlist));
      totalSegments += playlist.segments().size();
    }

    List<RenditionReader.SegmentFrames> firsts = new ArrayList<>();
    for (RenditionReader reader : readers) {
      firsts.add(reader.readNext());
    }
    List<Map<Integer, Track>> tracks = new ArrayList<>();
    int trackCount = 0;
    boolean video = false;
    for (int r = 0; r < readers.size(); r++) {
      Map<Integer, Track> byPid = describe(renditions.get(r), readers.get(r), firsts.get(r));
      tracks.add(byPid);
      trackCount += byPid.size();
      for (Track track : byPid.values()) {
        video |= track.info.kind() == TrackKind.VIDEO;
      }
    }
    List<SubtitleReader> subtitleReaders = new ArrayList<>();
    List<StreamInfo> subtitleInfos = new ArrayList<>();
    for (SubtitleRendition subtitle : subtitles) {
      MediaPlaylist playlist = PlaylistParser.parseMedia(subtitle.path(), text(subtitle.path()));
      subtitleReaders.add(new SubtitleReader(source, playlist));
      totalSegments += playlist.segments().size();
      subtitleInfos.add(
          new StreamInfo(
              nextTrackId++,
              readers.size() + subtitleInfos.size(),
              TrackKind.SUBTITLE,
              Codec.WEBVTT,
              "wvtt",
              90000,
              0,
              0,
              0,
              0,
              0,
              null,
              0,
              subtitle.language(),
              subtitle.name()));
    }
    trackCount += subtitleInfos.size();
    if (trackCount > MAX_STREAMS) {
      throw new PackagingException(
          TOO_MANY_STREAMS,
          playlistPath + ": " + trackCount + " streams, more than the " + MAX_STREAMS + " allowed");
    }
    if (!video) {
      throw new PackagingException(
          UNSUPPORTED_CONTENT, playlistPath + ": no video track; audio-only sources are refused");
    }
    for (Map<Integer, Track> byPid : tracks) {
      for (Track track : byPid.values()) {
        downstream.onStreamInfo(track.info);
      }
    }
    for (StreamInfo info : subtitleInfos) {
      downstream.onStreamInfo(info);
    }
    for (int r = 0; r < renditions.size(); r++) {
      for (StreamInfo info : captionInfos(renditions.get(r), tracks.get(r))) {
        downstream.onStreamInfo(info);
      }
    }
    long zeroPts = firstPts(firsts.get(0));

    Set<String> markers = new HashSet<>();
    for (RenditionReader.SegmentFrames first : firsts) {
      emitMarkers(first, markers, downstream);
    }
    int done = 0;
    for (int r = 0; r < readers.size(); r++) {
      emit(firsts.get(r), tracks.get(r), downstream);
      firsts.set(r, null);
      progress.onProgress(++done / (double) totalSegments);
    }
    while (true) {
      int pick = -1;
      for (int r = 0; r < readers.size(); r++) {
        RenditionReader reader = readers.get(r);
        if (reader.hasNext()
            && (pick < 0 || reader.nextStartSeconds() < readers.get(pick).nextStartSeconds())) {
          pick = r;
        }
      }
      int subtitlePick = -1;
      for (int s = 0; s < subtitleReaders.size(); s++) {
        SubtitleReader reader = subtitleReaders.get(s);
        double start = reader.nextStartSeconds();
        if (reader.hasNext()
            && (pick < 0 || start < readers.get(pick).nextStartSeconds())
            && (subtitlePick < 0 || start < subtitleReaders.get(subtitlePick).nextStartSeconds())) {
          subtitlePick = s;
        }
      }
      if (subtitlePick >= 0) {
        StreamInfo info = subtitleInfos.get(subtitlePick);
        downstream.onSample(subtitleReaders.get(subtitlePick).readNext(info.trackId(), zeroPts));
      } else if (pick >= 0) {
        RenditionReader.SegmentFrames segment = readers.get(pick).readNext();
        emitMarkers(segment, markers, downstream);
        emit(segment, tracks.get(pick), downstream);
      } else {
        break;
      }
      progress.onProgress(++done / (double) totalSegments);
    }
    for (Map<Integer, Track> byPid : tracks) {
      for (Track track : byPid.values()) {
        if (track.pending != null) {
          long duration = track.lastDelta > 0 ? track.lastDelta : track.nominalDuration;
          send(track, track.pending, duration, downstream);
          track.pending = null;
        }
      }
    }
    downstream.onEnd();
  }

  private List<Rendition> renditions() throws IOException, PackagingException {
    String text = text(playlistPath);
    if (!PlaylistParser.isMultivariant(text)) {
      return List.of(new Rendition(0, playlistPath, 0, null, null));
    }
    MultivariantPlaylist root = PlaylistParser.parseMultivariant(playlistPath, text);
    List<Rendition> renditions = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Variant variant : root.variants()) {
      if (seen.add(variant.path())) {
        AudioRendition muxed = muxedAudio(root, variant.audioGroup());
        List<ClosedCaptionRendition> captions =
            root.closedCaptions().stream()
                .filter(c -> c.groupId().equals(variant.closedCaptions()))
                .toList();
        renditions.add(
            new Rendition(
                renditions.size(),
                variant.path(),
                variant.bandwidth(),
                muxed == null ? null : muxed.language(),
                muxed == null ? null : muxed.name(),
                captions));
      }
    }
    for (AudioRendition audio : root.audio()) {
      if (audio.path() != null && seen.add(audio.path())) {
        renditions.add(
            new Rendition(renditions.size(), audio.path(), 0, audio.language(), audio.name()));
      }
    }
    for (SubtitleRendition subtitle : root.subtitles()) {
      if (seen.add(subtitle.path())) {
        subtitles.add(subtitle);
      }
    }
    return renditions;
  }

  /**
   * The caption services the multivariant playlist signals for a variant with video, as stream
   * infos without samples (the captions stay in the video's SEI, which outputs pass through). They
   * are no streams of their own, so they do not count against {@link #MAX_STREAMS}.
   */
  private List<StreamInfo> captionInfos(Rendition rendition, Map<Integer, Track> byPid) {
    boolean video = byPid.values().stream().anyMatch(t -> t.info.kind() == TrackKind.VIDEO);
    List<StreamInfo> out = new ArrayList<>();
    for (ClosedCaptionRendition c :
        video ? rendition.captions() : List.<ClosedCaptionRendition>of()) {
      out.add(
          new StreamInfo(
              nextTrackId++,
              rendition.id(),
              TrackKind.SUBTITLE,
              Codec.CEA608,
              c.instreamId(),
              90000,
              0,
              0,
              0,
              0,
              0,
              null,
              0,
              c.language(),
              c.name()));
    }
    return out;
  }

  /** The EXT-X-MEDIA without URI of a variant's audio group: it describes the muxed audio. */
  private static AudioRendition muxedAudio(MultivariantPlaylist root, String group) {
    if (group == null) {
      return null;
    }
    AudioRendition found = null;
    for (AudioRendition audio : root.audio()) {
      if (group.equals(audio.groupId()) && audio.path() == null) {
        if (found == null || audio.isDefault()) {
          found = audio;
        }
      }
    }
    return found;
  }

  private Map<Integer, Track> describe(
      Rendition rendition, RenditionReader reader, RenditionReader.SegmentFrames first)
      throws PackagingException {
    Map<Integer, Track> byPid = new LinkedHashMap<>();
    double firstSeconds = reader.playlist().segments().get(0).durationSeconds();
    for (Map.Entry<Integer, List<EsFrame>> e : first.byPid().entrySet()) {
      EsParser parser = reader.parser(e.getKey());
      TrackFormat format = parser == null ? null : parser.format();
      if (format == null || e.getValue().isEmpty()) {
        continue; // a stream that carries nothing in the first segment is left out
      }
      List<EsFrame> frames = e.getValue();
      TsPacketReader.EsEntry entry = reader.entry(e.getKey());
      int trackId = nextTrackId++;
      if (format.kind() == TrackKind.VIDEO) {
        double frameRate = format.frameRate() > 0 ? format.frameRate() : measuredRate(frames);
        long bitrate = rendition.bandwidth();
        if (bitrate <= 0 && firstSeconds > 0) {
          bitrate = Math.round(reader.lastSegmentBytes() * 8 / firstSeconds);
        }
        StreamInfo info =
            new StreamInfo(
                trackId,
                rendition.id(),
                TrackKind.VIDEO,
                format.codec(),
                format.codecString(),
                90000,
                format.width(),
                format.height(),
                Math.round(frameRate * 1000) / 1000.0,
                0,
                0,
                format.decoderConfig(),
                bitrate,
                null,
                null);
        long nominal = frameRate > 0 ? Math.round(90000 / frameRate) : 3000;
        byPid.put(e.getKey(), new Track(info, nominal));
      } else {
        String language = rendition.language() != null ? rendition.language() : entry.language();
        StreamInfo info =
            new StreamInfo(
                trackId,
                rendition.id(),
                TrackKind.AUDIO,
                format.codec(),
                format.codecString(),
                90000,
                0,
                0,
                0,
                format.sampleRate(),
                format.channels(),
                format.decoderConfig(),
                0,
                language,
                rendition.name());
        byPid.put(e.getKey(), new Track(info, format.frameDuration()));
      }
    }
    if (byPid.isEmpty()) {
      throw new PackagingException(
          MALFORMED_SOURCE,
          reader.playlist().segments().get(0).path() + ": no audio or video stream found");
    }
    return byPid;
  }

  /** The earliest presentation time in a rendition's first segment: playlist time 0. */
  private static long firstPts(RenditionReader.SegmentFrames first) {
    long min = Long.MAX_VALUE;
    for (List<EsFrame> frames : first.byPid().values()) {
      for (EsFrame frame : frames) {
        min = Math.min(min, frame.pts());
      }
    }
    return min == Long.MAX_VALUE ? 0 : min;
  }

  private static double measuredRate(List<EsFrame> frames) {
    if (frames.size() < 2) {
      return 0;
    }
    long span = frames.get(frames.size() - 1).dts() - frames.get(0).dts();
    return span <= 0 ? 0 : (frames.size() - 1) * 90000.0 / span;
  }

  /**
   * Sends a segment's ad markers ahead of its samples. Every variant usually carries the same
   * SCTE-35 sections and cue tags: a marker goes out once per kind, time and event id.
   */
  private static void emitMarkers(
      RenditionReader.SegmentFrames segment, Set<String> sent, MediaHandler downstream)
      throws Exception {
    for (AdMarker marker : segment.markers()) {
      if (sent.add(marker.kind() + "|" + marker.time() + "|" + marker.eventId())) {
        downstream.onAdMarker(marker);
      }
    }
  }

  /** Sends one segment's frames, interleaved by decode time across its streams. */
  private static void emit(
      RenditionReader.SegmentFrames segment, Map<Integer, Track> tracks, MediaHandler downstream)
      throws Exception {
    List<List<EsFrame>> lists = new ArrayList<>();
    List<Track> owners = new ArrayList<>();
    for (Map.Entry<Integer, Track> e : tracks.entrySet()) {
      List<EsFrame> frames = segment.byPid().get(e.getKey());
      if (frames != null && !frames.isEmpty()) {
        lists.add(frames);
        owners.add(e.getValue());
      }
    }
    int[] heads = new int[lists.size()];
    while (true) {
      int pick = -1;
      for (int i = 0; i < lists.size(); i++) {
        if (heads[i] < lists.get(i).size()
            && (pick < 0
                || lists.get(i).get(heads[i]).dts() < lists.get(pick).get(heads[pick]).dts())) {
          pick = i;
        }
      }
      if (pick < 0) {
        return;
      }
      EsFrame frame = lists.get(pick).get(heads[pick]++);
      Track track = owners.get(pick);
      Sample sample =
          new Sample(
              track.info.trackId(), frame.dts(), frame.pts(), 0, frame.keyframe(), frame.data());
      if (track.pending != null) {
        long delta = sample.dts() - track.pending.dts();
        long duration = delta > 0 ? delta : track.nominalDuration;
        if (delta > 0) {
          track.lastDelta = delta;
        }
        send(track, track.pending, duration, downstream);
      }
      track.pending = sample;
    }
  }

  private static void send(Track track, Sample s, long duration, MediaHandler downstream)
      throws Exception {
    downstream.onSample(
        new Sample(s.trackId(), s.dts(), s.pts(), duration, s.keyframe(), s.data()));
  }

  private String text(String path) throws IOException, PackagingException {
    ByteSource file = source.open(path);
    long length = file.length();
    if (length > MAX_PLAYLIST_BYTES) {
      throw new PackagingException(
          MALFORMED_SOURCE, path + ": a playlist of " + length + " bytes is too large");
    }
    return new String(file.read(0, (int) length), StandardCharsets.UTF_8);
  }
}
