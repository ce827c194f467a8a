package org.openvod.engine.output.mss;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openvod.engine.encrypt.TrackProtection;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.output.FileParts;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.fmp4.FragmentedOutput;
import org.openvod.engine.output.fmp4.FragmentedTrack;
import org.openvod.engine.output.fmp4.MediaSegment;
import org.openvod.engine.output.fmp4.Segment;
import org.openvod.engine.output.fmp4.SegmentLog;

/**
 * Microsoft Smooth Streaming. Per manifest a folder {@code <name>.ism/} holding the client manifest
 * {@code Manifest} (written last) and the fragments of the manifest's tracks as the manifest's Url
 * pattern names them: {@code QualityLevels(<bitrate>)/Fragments(<stream>=<start time>)}, each a
 * moof (with the tfxd box giving its time and duration) and an mdat, on a 10 MHz clock that starts
 * at 0 at the output's earliest audio or video sample. WebVTT subtitle tracks become text streams
 * of TTML fragments on the video's times ({@link MssSubtitles}).
 *
 * <p>A quality level's bitrate is part of its fragments' paths, so it is fixed when its first
 * fragment is written: the source's average bitrate when known, else the first fragment's.
 */
public final class MssOutput extends FragmentedOutput {

  private final Map<FragmentedTrack, SmoothTrack> smooth = new LinkedHashMap<>();
  private final Map<String, Set<Long>> bitratesByStream = new HashMap<>();

  /** WebVTT subtitle tracks, written as TTML text streams at the end. */
  private final MssSubtitles subtitles = new MssSubtitles();

  /** Where the timeline starts on the source's clock (10 MHz); -1 until the first fragment. */
  private long origin = -1;

  public MssOutput(OutputSpec spec) {
    super(spec, true);
  }

  @Override
  public void onStreamInfo(StreamInfo info) throws Exception {
    if (info.kind() != TrackKind.SUBTITLE
        && info.codec() != Codec.H264
        && info.codec() != Codec.AAC) {
      throw new PackagingException(
          PackagingException.Reason.UNSUPPORTED_CONTENT,
          "track "
              + info.trackId()
              + ": Smooth Streaming output supports H.264 video and AAC audio only, not "
              + info.codec());
    }
    super.onStreamInfo(info);
  }

  /**
   * A Smooth client learns an encrypted stream's KID and license source only from the manifest's
   * ProtectionHeader (it builds the tenc itself), so an encrypted track needs a DRM signal with a
   * Smooth protection header (PlayReady's); without one the output would not play, and fails.
   */
  @Override
  public void onTrackProtection(int trackId, TrackProtection protection) throws Exception {
    boolean header =
        protection.signals().stream()
            .anyMatch(s -> s.mssProtectionHeader() != null && !s.mssProtectionHeader().isBlank());
    if (!header) {
      throw new PackagingException(
          PackagingException.Reason.INVALID_CONFIGURATION,
          "output "
              + spec.outputId()
              + ": encrypted Smooth Streaming needs a DRM system with a protection header"
              + " (mssProtectionHeader, PlayReady's); the key for track "
              + trackId
              + " has none");
    }
    super.onTrackProtection(trackId, protection);
  }

  /** MSS fragments carry no parameter sets: the client builds them from CodecPrivateData. */
  @Override
  protected boolean parameterSetsInBand() {
    return false;
  }

  /** What this output knows of one track: its stream, bitrate and fragment log. */
  static final class SmoothTrack {
    final FragmentedTrack track;
    final String stream;
    final long bitrate;
    final SegmentLog log = new SegmentLog(SmoothTime.TIMESCALE);

    /** Manifests (by index) that carry this track. */
    final List<Integer> manifests = new ArrayList<>();

    SmoothTrack(FragmentedTrack track, String stream, long bitrate) {
      this.track = track;
      this.stream = stream;
      this.bitrate = bitrate;
    }
  }

  static String streamName(FragmentedTrack track) {
    if (track.info().kind() == TrackKind.VIDEO) {
      return "video";
    }
    String language = track.info().language();
    return language == null ? "audio" : "audio_" + language;
  }

  @Override
  protected void onSegment(FragmentedTrack track, Segment segment) throws Exception {
    if (origin < 0) {
      origin = origin();
    }
    Segment fragment =
        SmoothTime.since(SmoothTime.convert(segment, track.info().timescale()), origin);
    FileParts bytes =
        MediaSegment.smoothParts(fragment.number(), fragment.baseDecodeTime(), fragment.samples());
    SmoothTrack s = smooth.get(track);
    if (s == null) {
      s = start(track, bytes.length(), fragment.duration());
    }
    for (int m : s.manifests) {
      String path =
          folder(spec.manifests().get(m))
              + "QualityLevels("
              + s.bitrate
              + ")/Fragments("
              + s.stream
              + "="
              + fragment.baseDecodeTime()
              + ")";
      spec.sink().putParts(path, bytes, "video/mp4");
    }
    s.log.add(fragment, bytes.length());
  }

  /**
   * Where the output's timeline starts (10 MHz): the earliest first sample of its audio and video
   * tracks, which all have begun by the time the first fragment is cut. A source whose timestamps
   * do not start at 0 (an HLS-TS source usually starts at 1.4 s or more) still gives an MSS
   * timeline from 0, as on-demand Smooth Streaming has it: dash.js, the reference client, shifts a
   * later start itself and then stalls before the end of the presentation.
   */
  private long origin() {
    long earliest = Long.MAX_VALUE;
    for (FragmentedTrack t : tracks()) {
      long first = t.firstPresentationTime();
      if (first >= 0 && t.info().kind() != TrackKind.SUBTITLE) {
        earliest = Math.min(earliest, SmoothTime.convert(first, t.info().timescale()));
      }
    }
    return earliest == Long.MAX_VALUE ? 0 : earliest;
  }

  private SmoothTrack start(FragmentedTrack track, long firstBytes, long firstDuration) {
    String stream = streamName(track);
    long bitrate = track.info().bitrate();
    if (bitrate <= 0) {
      bitrate = Math.max(1, Math.round(firstBytes * 8.0 * SmoothTime.TIMESCALE / firstDuration));
    }
    Set<Long> taken = bitratesByStream.computeIfAbsent(stream, k -> new TreeSet<>());
    while (!taken.add(bitrate)) {
      bitrate++;
    }
    SmoothTrack s = new SmoothTrack(track, stream, bitrate);
    for (int m = 0; m < spec.manifests().size(); m++) {
      ManifestSpec manifest = spec.manifests().get(m);
      boolean video = track.info().kind() == TrackKind.VIDEO;
      if (!video
          || (bitrate >= manifest.minVideoBitsPerSecond()
              && bitrate <= manifest.maxVideoBitsPerSecond())) {
        s.manifests.add(m);
      }
    }
    smooth.put(track, s);
    return s;
  }

  static String folder(ManifestSpec manifest) {
    return manifest.name() + ".ism/";
  }

  @Override
  protected boolean hasSegments(FragmentedTrack track) {
    return smooth.containsKey(track);
  }

  @Override
  protected void finish(List<FragmentedTrack> tracks) throws Exception {
    List<MssSubtitles.Written> texts = writeSubtitles(tracks);
    List<String> manifests = new ArrayList<>();
    for (int m = 0; m < spec.manifests().size(); m++) {
      ManifestSpec manifest = spec.manifests().get(m);
      List<SmoothTrack> videos = new ArrayList<>();
      Map<String, List<SmoothTrack>> audio = new LinkedHashMap<>();
      for (FragmentedTrack t : tracks) {
        SmoothTrack s = smooth.get(t);
        if (!s.manifests.contains(m)) {
          continue;
        }
        if (t.info().kind() == TrackKind.VIDEO) {
          videos.add(s);
        } else {
          audio.computeIfAbsent(s.stream, k -> new ArrayList<>()).add(s);
        }
      }
      videos =
          org.openvod.engine.output.fmp4.StreamSelection.videos(manifest, videos, s -> s.bitrate);
      manifests.add(SmoothManifest.write(manifest, videos, audio, texts));
    }
    for (int m = 0; m < spec.manifests().size(); m++) {
      ManifestSpec manifest = spec.manifests().get(m);
      spec.sink()
          .put(
              manifest.fileName(spec.format()),
              manifests.get(m).getBytes(StandardCharsets.UTF_8),
              "text/xml");
    }
  }

  /** The text streams, in every manifest's folder, on the first video track's fragment times. */
  private List<MssSubtitles.Written> writeSubtitles(List<FragmentedTrack> tracks) throws Exception {
    FragmentedTrack video =
        tracks.stream().filter(t -> t.info().kind() == TrackKind.VIDEO).findFirst().orElseThrow();
    List<String> folders = new ArrayList<>();
    for (ManifestSpec manifest : spec.manifests()) {
      folders.add(folder(manifest));
    }
    return subtitles.write(
        spec.sink(), subtitleCues(), folders, smooth.get(video).log, Math.max(origin, 0));
  }

  static PackagingException mismatch(String stream) {
    return new PackagingException(
        PackagingException.Reason.UNSUPPORTED_CONTENT,
        "Smooth stream '"
            + stream
            + "': its quality levels have different fragment times (renditions with unaligned"
            + " key frames or timescales cannot share one StreamIndex)");
  }
}
