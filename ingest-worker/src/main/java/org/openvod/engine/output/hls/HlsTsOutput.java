package org.openvod.engine.output.hls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.openvod.engine.codec.WebVtt;
import org.openvod.engine.media.AdMarker;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.output.ClosedCaptions;
import org.openvod.engine.output.DistinctAudio;
import org.openvod.engine.output.HlsAdTags;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.MediaHandler;

/**
 * HLS with MPEG-TS segments, after a {@link org.openvod.engine.pipeline.Segmenter}.
 *
 * <p>Each video track is a variant ({@code v<n>/seg_<i>.ts}); its rendition's audio is muxed in
 * (or, for a rendition without audio, the first audio-only rendition's, else the first audio track
 * of the source), unless the spec asks for an audio rendition group: then variants are video only
 * and each distinct audio track is an EXT-X-MEDIA rendition ({@code a<n>/seg_<i>.ts}) of group
 * {@code audio}. Segments are written as they complete; at the end, per manifest, the media
 * playlists ({@code <name>_v<n>.m3u8}, {@code <name>_a<n>.m3u8}, {@code <name>_v<n>_iframes.m3u8})
 * and last the multivariant playlist {@code <name>.m3u8}. The output depends only on its input:
 * same source, same bytes.
 */
public final class HlsTsOutput implements MediaHandler {

  static final String TS_TYPE = "video/MP2T";
  static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
  static final String AUDIO_GROUP = "audio";
  static final String SUBTITLE_GROUP = "subs";
  static final String VTT_TYPE = "text/vtt";

  private final OutputSpec spec;
  private final Instant programDateTimeStart;
  private final Map<Integer, StreamInfo> infos = new LinkedHashMap<>();
  private final List<VariantMuxer> variants = new ArrayList<>();
  private final List<AudioRenditionMuxer> audioRenditions = new ArrayList<>();
  private final List<RenditionSegments> variantRecords = new ArrayList<>();
  private final List<RenditionSegments> audioRecords = new ArrayList<>();
  private final Map<Integer, RenditionSegments> subtitleRecords = new LinkedHashMap<>();
  private final List<AdMarker> adMarkers = new ArrayList<>();
  private final ClosedCaptions captions = new ClosedCaptions();
  private TsClock tsClock = new TsClock(0);
  private boolean laidOut;

  /**
   * @throws PackagingException the spec asks for an encryption mode HLS-TS cannot carry
   */
  public HlsTsOutput(OutputSpec spec, Instant programDateTimeStart) throws PackagingException {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.programDateTimeStart = programDateTimeStart == null ? Instant.EPOCH : programDateTimeStart;
    if (spec.sink() == null) {
      throw new IllegalArgumentException("output " + spec.outputId() + " has no sink");
    }
    if (spec.manifests() == null || spec.manifests().isEmpty()) {
      throw new IllegalArgumentException("output " + spec.outputId() + " has no manifest");
    }
    HlsEncryption.check(spec);
  }

  @Override
  public void onStreamInfo(StreamInfo info) {
    if (laidOut) {
      throw new IllegalStateException("stream info of track " + info.trackId() + " after samples");
    }
    if (captions.accept(info)) {
      return; // signalled in the multivariant playlist; the captions ride in the video
    }
    infos.put(info.trackId(), info);
  }

  @Override
  public void onSample(Sample sample) throws IOException, PackagingException {
    layOut();
    RenditionSegments subtitle = subtitleRecords.get(sample.trackId());
    if (subtitle != null) {
      writeSubtitle(subtitle, sample);
      return;
    }
    for (VariantMuxer variant : variants) {
      if (variant.handles(sample.trackId())) {
        variant.onSample(sample);
      }
    }
    for (AudioRenditionMuxer audio : audioRenditions) {
      if (audio.handles(sample.trackId())) {
        audio.onSample(sample);
      }
    }
  }

  /** Placed by the segmenter; written into the media playlists per manifest's adMarkers. */
  @Override
  public void onAdMarker(AdMarker marker) {
    if (marker.segmentIndex() >= 0) {
      adMarkers.add(marker);
    }
  }

  @Override
  public void onSegmentEnd(int trackId, int index, long startTime, long duration)
      throws IOException, PackagingException {
    layOut();
    for (VariantMuxer variant : variants) {
      variant.onSegmentEnd(trackId, startTime, duration);
    }
    for (AudioRenditionMuxer audio : audioRenditions) {
      if (audio.handles(trackId)) {
        audio.onSegmentEnd(startTime, duration);
      }
    }
  }

  @Override
  public void onEnd() throws IOException, PackagingException {
    layOut();
    for (VariantMuxer variant : variants) {
      variant.onEnd();
    }
    double zero =
        variantRecords.stream()
            .flatMap(r -> r.segments.stream())
            .mapToDouble(SegmentRecord::startSeconds)
            .min()
            .orElse(0);
    List<String[]> parents = new ArrayList<>();
    for (ManifestSpec manifest : spec.manifests()) {
      parents.add(writeManifest(manifest, zero));
    }
    for (String[] parent : parents) {
      spec.sink().put(parent[0], parent[1].getBytes(StandardCharsets.UTF_8), PLAYLIST_TYPE);
    }
  }

  /** WebVTT segments pass through: one source segment (one sample) is one output segment. */
  private void writeSubtitle(RenditionSegments record, Sample sample) throws IOException {
    String path = String.format("%s/seg_%05d.vtt", record.folder, record.segments.size());
    // the WebVTT maps its cues onto the source's TS clock: move it as this output moves its clock
    spec.sink().put(path, WebVtt.shiftTimestampMap(sample.data(), tsClock.offset()), VTT_TYPE);
    long scale = record.main.timescale();
    record.segments.add(
        new SegmentRecord(
            path,
            sample.pts() / (double) scale,
            sample.duration() / (double) scale,
            sample.data().length,
            List.of(),
            0));
  }

  /** Decides variants and audio renditions once every stream info is known. */
  private void layOut() throws PackagingException {
    if (laidOut) {
      return;
    }
    laidOut = true;
    List<StreamInfo> video = new ArrayList<>();
    List<StreamInfo> audio = new ArrayList<>();
    Set<Integer> videoRenditions = new LinkedHashSet<>();
    for (StreamInfo info : infos.values()) {
      if (info.kind() == TrackKind.VIDEO && muxable(info)) {
        video.add(info);
        videoRenditions.add(info.renditionId());
      } else if (info.kind() == TrackKind.AUDIO && muxable(info)) {
        audio.add(info);
      }
    }
    if (video.isEmpty()) {
      throw new IllegalArgumentException(
          "output " + spec.outputId() + ": no H.264 or H.265 video stream to package");
    }
    List<StreamInfo> audioOnly =
        audio.stream().filter(a -> !videoRenditions.contains(a.renditionId())).toList();
    boolean allNinety = infos.values().stream().allMatch(i -> i.timescale() == 90000);
    TsClock clock = new TsClock(allNinety ? 0 : TsClock.SHIFT);
    tsClock = clock;
    boolean iframes = spec.manifests().stream().anyMatch(ManifestSpec::includeIframeOnlyStream);
    for (StreamInfo v : video) {
      List<StreamInfo> muxed = List.of();
      if (!spec.useAudioRenditionGroup()) {
        muxed = audio.stream().filter(a -> a.renditionId() == v.renditionId()).toList();
        if (muxed.isEmpty() && !audio.isEmpty()) {
          // a video-only rendition borrows the source's main audio (an audio-only rendition's,
          // or, as with SMIL includeAudio, another file's), so every variant has sound
          muxed = List.of(audioOnly.isEmpty() ? audio.get(0) : audioOnly.get(0));
        }
      }
      RenditionSegments record = new RenditionSegments("v" + variantRecords.size(), v, muxed);
      variantRecords.add(record);
      HlsEncryption.assign(spec, record);
      variants.add(new VariantMuxer(record, spec.sink(), clock, iframes));
    }
    for (StreamInfo info : infos.values()) {
      if (info.kind() == TrackKind.SUBTITLE && info.codec() == Codec.WEBVTT) {
        subtitleRecords.put(
            info.trackId(), new RenditionSegments("s" + subtitleRecords.size(), info, List.of()));
      }
    }
    if (spec.useAudioRenditionGroup()) {
      DistinctAudio distinct = new DistinctAudio();
      for (StreamInfo a : audio) {
        if (distinct.admit(a)) {
          RenditionSegments record = new RenditionSegments("a" + audioRecords.size(), a, List.of());
          audioRecords.add(record);
          HlsEncryption.assign(spec, record);
          audioRenditions.add(new AudioRenditionMuxer(record, spec.sink(), clock));
        }
      }
    }
  }

  private static boolean muxable(StreamInfo info) {
    return switch (info.codec()) {
      case H264, H265 -> info.kind() == TrackKind.VIDEO;
      case AAC, AC3, EAC3 -> info.kind() == TrackKind.AUDIO;
      default -> false;
    };
  }

  /** Writes one manifest's media playlists; returns its multivariant playlist (path, text). */
  private String[] writeManifest(ManifestSpec manifest, double zero) throws IOException {
    String name = manifest.name();
    List<RenditionSegments> selected = select(manifest);
    if (selected.isEmpty()) {
      throw new IllegalArgumentException(
          "manifest "
              + name
              + ": stream selection ("
              + manifest.minVideoBitsPerSecond()
              + ".."
              + manifest.maxVideoBitsPerSecond()
              + " bps) leaves no video stream");
    }
    PlaylistWriter.DateTimes dates =
        new PlaylistWriter.DateTimes(
            programDateTimeStart, zero, manifest.programDateTimeIntervalSeconds());
    List<PlaylistWriter.AudioEntry> audioEntries = new ArrayList<>();
    long audioPeak = 0;
    long audioAverage = 0;
    List<String> audioCodecs = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (RenditionSegments audio : audioRecords) {
      String uri = name + "_" + audio.folder + ".m3u8";
      put(
          uri,
          PlaylistWriter.media(audio, dates, manifest.repeatExtXKey(), adTags(manifest, audio)));
      StreamInfo info = audio.main;
      String label = info.name() != null ? info.name() : info.language();
      if (label == null || label.isBlank()) {
        label = "Audio " + (audioEntries.size() + 1);
      }
      String unique = label;
      for (int n = 2; !names.add(unique); n++) {
        unique = label + " " + n;
      }
      audioEntries.add(
          new PlaylistWriter.AudioEntry(
              AUDIO_GROUP, unique, info.language(), audioEntries.isEmpty(), info.channels(), uri));
      audioPeak = Math.max(audioPeak, audio.peakBitrate());
      audioAverage = Math.max(audioAverage, audio.averageBitrate());
      audioCodecs.add(info.codecString());
    }
    List<PlaylistWriter.SubtitleEntry> subtitleEntries = new ArrayList<>();
    Set<String> subtitleNames = new LinkedHashSet<>();
    for (RenditionSegments subtitle : subtitleRecords.values()) {
      if (subtitle.segments.isEmpty()) {
        continue;
      }
      String uri = name + "_" + subtitle.folder + ".m3u8";
      put(uri, PlaylistWriter.media(subtitle, dates));
      StreamInfo info = subtitle.main;
      String label = info.name() != null ? info.name() : info.language();
      if (label == null || label.isBlank()) {
        label = "Subtitles " + (subtitleEntries.size() + 1);
      }
      String unique = label;
      for (int n = 2; !subtitleNames.add(unique); n++) {
        unique = label + " " + n;
      }
      subtitleEntries.add(
          new PlaylistWriter.SubtitleEntry(SUBTITLE_GROUP, unique, info.language(), uri));
    }
    List<PlaylistWriter.VariantEntry> entries = new ArrayList<>();
    for (RenditionSegments variant : selected) {
      String uri = name + "_" + variant.folder + ".m3u8";
      put(
          uri,
          PlaylistWriter.media(
              variant, dates, manifest.repeatExtXKey(), adTags(manifest, variant)));
      String iframeUri = null;
      if (manifest.includeIframeOnlyStream()) {
        iframeUri = name + "_" + variant.folder + "_iframes.m3u8";
        put(iframeUri, PlaylistWriter.iframes(variant, manifest.repeatExtXKey()));
      }
      List<String> codecs = new ArrayList<>(List.of(variant.main.codecString()));
      variant.muxedAudio.forEach(a -> codecs.add(a.codecString()));
      codecs.addAll(audioCodecs);
      boolean group = !audioEntries.isEmpty();
      entries.add(
          new PlaylistWriter.VariantEntry(
              variant,
              uri,
              iframeUri,
              variant.peakBitrate() + (group ? audioPeak : 0),
              variant.averageBitrate() + (group ? audioAverage : 0),
              PlaylistWriter.codecs(codecs),
              group ? AUDIO_GROUP : null));
    }
    return new String[] {
      manifest.fileName(spec.format()),
      PlaylistWriter.multivariant(entries, audioEntries, subtitleEntries, captions)
    };
  }

  private List<List<String>> adTags(ManifestSpec manifest, RenditionSegments rendition) {
    return HlsAdTags.forSegments(
        manifest.adMarkers(),
        adMarkers,
        rendition.segments.stream().map(SegmentRecord::durationSeconds).toList());
  }

  /** The variants a manifest's stream selection keeps, in its stream order. */
  private List<RenditionSegments> select(ManifestSpec manifest) {
    List<RenditionSegments> kept = new ArrayList<>();
    for (RenditionSegments variant : variantRecords) {
      long bitrate = variant.mainBitrate();
      if (!variant.segments.isEmpty()
          && bitrate >= manifest.minVideoBitsPerSecond()
          && bitrate <= manifest.maxVideoBitsPerSecond()) {
        kept.add(variant);
      }
    }
    String order = manifest.streamOrder() == null ? "ORIGINAL" : manifest.streamOrder();
    Comparator<RenditionSegments> byBitrate =
        Comparator.comparingLong(RenditionSegments::mainBitrate);
    if (order.equals("VIDEO_BITRATE_ASCENDING")) {
      kept.sort(byBitrate);
    } else if (order.equals("VIDEO_BITRATE_DESCENDING")) {
      kept.sort(byBitrate.reversed());
    }
    return kept;
  }

  private void put(String path, String text) throws IOException {
    spec.sink().put(path, text.getBytes(StandardCharsets.UTF_8), PLAYLIST_TYPE);
  }
}
