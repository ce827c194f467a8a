package org.openvod.engine.output.fmp4;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.encrypt.ProtectionReceiver;
import org.openvod.engine.encrypt.TrackProtection;
import org.openvod.engine.media.AdMarker;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.output.ClosedCaptions;
import org.openvod.engine.output.DistinctAudio;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.SubtitleCues;

/**
 * The part the fMP4 family of outputs (CMAF HLS, DASH, MSS) shares: one {@link FragmentedTrack} per
 * audio and video stream, a segment closed at each {@link #onSegmentEnd}, manifests at the end.
 * Subtitle streams reach this class only when the output does not take them itself (CMAF, DASH and
 * MSS take their WebVTT ones): they are skipped.
 */
public abstract class FragmentedOutput implements ProtectionReceiver {

  private static final System.Logger LOG = System.getLogger(FragmentedOutput.class.getName());

  protected final OutputSpec spec;
  private final Map<Integer, FragmentedTrack> tracks = new LinkedHashMap<>();
  private final Map<Integer, TrackProtection> protections = new HashMap<>();

  /** Every fMP4 output keeps the same distinct audio tracks as HLS-TS does. */
  private final DistinctAudio distinctAudio = new DistinctAudio();

  private final List<AdMarker> adMarkers = new ArrayList<>();

  /** CEA-608/708 services of the source: signalled, their bytes ride in the video samples. */
  private final ClosedCaptions closedCaptions = new ClosedCaptions();

  /** The cues of WebVTT subtitle tracks, when this output writes them again as TTML. */
  private final SubtitleCues subtitleCues = new SubtitleCues();

  private final boolean subtitlesAsTtml;

  protected FragmentedOutput(OutputSpec spec) {
    this(spec, false);
  }

  /**
   * @param subtitlesAsTtml this output writes subtitles as TTML (DASH, MSS): the cues of its WebVTT
   *     subtitle tracks are gathered in {@link #subtitleCues} instead of being packaged as tracks
   */
  protected FragmentedOutput(OutputSpec spec, boolean subtitlesAsTtml) {
    this.spec = spec;
    this.subtitlesAsTtml = subtitlesAsTtml;
  }

  /** The gathered subtitle cues; empty unless the output writes subtitles as TTML. */
  protected SubtitleCues subtitleCues() {
    return subtitleCues;
  }

  /** Whether video parameter sets go in-band (avc3) for this output. */
  protected boolean parameterSetsInBand() {
    return spec.includeEncoderConfigurationInSegments();
  }

  /** Sent by the encryptor stage before the track's stream info: its samples come encrypted. */
  @Override
  public void onTrackProtection(int trackId, TrackProtection protection) throws Exception {
    protections.put(trackId, protection);
  }

  @Override
  public void onStreamInfo(StreamInfo info) throws Exception {
    if (subtitlesAsTtml && subtitleCues.accept(info)) {
      return;
    }
    if (closedCaptions.accept(info)) {
      return;
    }
    if (info.kind() == TrackKind.SUBTITLE) {
      // CMAF, DASH and MSS take their WebVTT subtitle tracks before this: what is left is a
      // subtitle format none of them packages
      LOG.log(
          System.Logger.Level.INFO,
          "output {0}: subtitle track {1} ({2}) not packaged: {3} does not package its format",
          spec.outputId(),
          info.trackId(),
          info.language(),
          spec.format());
      return;
    }
    if (!accepts(info) || !distinctAudio.admit(info)) {
      return;
    }
    tracks.put(
        info.trackId(),
        new FragmentedTrack(info, parameterSetsInBand(), protections.get(info.trackId())));
  }

  @Override
  public void onSample(Sample sample) {
    if (subtitlesAsTtml && subtitleCues.handles(sample.trackId())) {
      subtitleCues.add(sample);
      return;
    }
    FragmentedTrack track = tracks.get(sample.trackId());
    if (track != null) {
      track.add(sample);
    }
  }

  @Override
  public void onSegmentEnd(int trackId, int index, long startTime, long duration) throws Exception {
    FragmentedTrack track = tracks.get(trackId);
    if (track != null) {
      Segment segment = track.close(duration);
      if (segment != null) {
        onSegment(track, segment);
      }
    }
  }

  /** Keeps the markers the segmenter placed, for the manifests. */
  @Override
  public void onAdMarker(AdMarker marker) {
    if (marker.segmentIndex() >= 0) {
      adMarkers.add(marker);
    }
  }

  /** Every track this output packages, in the order their streams came. */
  protected java.util.Collection<FragmentedTrack> tracks() {
    return java.util.Collections.unmodifiableCollection(tracks.values());
  }

  protected ClosedCaptions closedCaptions() {
    return closedCaptions;
  }

  /** The placed ad markers, in the order they came (segment indexes of the first video track). */
  protected List<AdMarker> adMarkers() {
    return adMarkers;
  }

  @Override
  public void onEnd() throws Exception {
    for (FragmentedTrack track : tracks.values()) {
      if (track.hasPending()) {
        onSegment(track, track.close(0));
      }
    }
    List<FragmentedTrack> written = new ArrayList<>();
    for (FragmentedTrack track : tracks.values()) {
      if (hasSegments(track)) {
        written.add(track);
      }
    }
    if (written.stream().noneMatch(t -> t.info().kind() == TrackKind.VIDEO)) {
      throw new PackagingException(
          PackagingException.Reason.UNSUPPORTED_CONTENT,
          "output " + spec.outputId() + ": no video samples to package");
    }
    finish(written);
  }

  /** Whether this output packages the stream at all; the others' samples are dropped. */
  protected boolean accepts(StreamInfo info) {
    return true;
  }

  /** Writes one segment (and whatever else it implies, such as the init segment). */
  protected abstract void onSegment(FragmentedTrack track, Segment segment) throws Exception;

  /** True when at least one segment of the track was written. */
  protected abstract boolean hasSegments(FragmentedTrack track);

  /** Writes the manifests, parents last. */
  protected abstract void finish(List<FragmentedTrack> tracks) throws Exception;
}
