package org.openvod.engine.output.dash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.output.FileParts;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.fmp4.FragmentSample;
import org.openvod.engine.output.fmp4.FragmentedOutput;
import org.openvod.engine.output.fmp4.FragmentedTrack;
import org.openvod.engine.output.fmp4.InitSegment;
import org.openvod.engine.output.fmp4.MediaSegment;
import org.openvod.engine.output.fmp4.Segment;
import org.openvod.engine.output.fmp4.SegmentLog;

/**
 * MPEG-DASH (isoff-live, static) with fMP4 segments. Each representation has a folder named by its
 * id ({@code video_<trackId>}, {@code audio_<trackId>}, {@code video_<trackId>_iframes} for trick
 * play) holding {@code init.mp4} and {@code segment_<number or time>.m4s}; then one MPD per
 * manifest, {@code <name>.mpd}, written last.
 */
public final class DashOutput extends FragmentedOutput {

  /** DASH-IF trick mode property: the adaptation set is the I-frames of another one. */
  static final String TRICK_MODE = "http://dashif.org/guidelines/trickmode";

  private final SegmentTemplateFormat template;
  private final boolean trickPlay;
  private final Map<FragmentedTrack, SegmentLog> logs = new HashMap<>();
  private final Map<FragmentedTrack, SegmentLog> trickLogs = new HashMap<>();

  /** WebVTT subtitle tracks, written as TTML in MP4 ('stpp') at the end. */
  private final DashSubtitles subtitles = new DashSubtitles();

  public DashOutput(OutputSpec spec) throws PackagingException {
    super(spec, true);
    this.template = SegmentTemplateFormat.of(spec.segmentTemplateFormat());
    this.trickPlay = spec.includeDashIframeOnlyStream();
  }

  static String representationId(FragmentedTrack track) {
    String kind = track.info().kind() == TrackKind.VIDEO ? "video" : "audio";
    return kind + "_" + track.info().trackId();
  }

  static String trickId(FragmentedTrack track) {
    return representationId(track) + "_iframes";
  }

  private String segmentPath(String representation, Segment segment) {
    long name = template.byTime() ? segment.baseDecodeTime() : segment.number();
    return representation + "/segment_" + name + ".m4s";
  }

  @Override
  protected void onSegment(FragmentedTrack track, Segment segment) throws Exception {
    String id = representationId(track);
    boolean trick = trickPlay && track.info().kind() == TrackKind.VIDEO;
    SegmentLog log = logs.get(track);
    if (log == null) {
      byte[] init =
          InitSegment.build(track.info(), track.parameterSetsInBand(), track.protection());
      spec.sink().put(id + "/init.mp4", init, "video/mp4");
      if (trick) {
        spec.sink().put(trickId(track) + "/init.mp4", init, "video/mp4");
        trickLogs.put(track, new SegmentLog(track.info().timescale()));
      }
      log = new SegmentLog(track.info().timescale());
      logs.put(track, log);
    }
    FileParts bytes =
        MediaSegment.parts(segment.number(), segment.baseDecodeTime(), segment.samples());
    spec.sink().putParts(segmentPath(id, segment), bytes, "video/iso.segment");
    log.add(segment, bytes.length());
    if (trick) {
      FragmentSample key = segment.firstKeyframe();
      Segment iframe =
          new Segment(
              segment.number(),
              segment.baseDecodeTime(),
              segment.duration(),
              List.of(key.asIframe(segment.duration())));
      byte[] iframeBytes =
          MediaSegment.build(iframe.number(), iframe.baseDecodeTime(), iframe.samples());
      spec.sink().put(segmentPath(trickId(track), iframe), iframeBytes, "video/iso.segment");
      trickLogs.get(track).add(iframe, iframeBytes.length);
    }
  }

  /**
   * One Period, or with periodTriggers ADS one per ad break boundary. MediaPackage does not support
   * multi-period with NUMBER_WITH_DURATION (a duration template cannot restart its numbering at an
   * uneven cut): that keeps one Period.
   */
  private List<DashPeriods.Window> periods(List<FragmentedTrack> videos, double start) {
    if (!spec.periodsAtAds() || !template.timeline() || adMarkers().isEmpty()) {
      return List.of(DashPeriods.Window.whole());
    }
    return DashPeriods.split(adMarkers(), logs.get(videos.get(0)), start);
  }

  @Override
  protected boolean hasSegments(FragmentedTrack track) {
    return logs.containsKey(track);
  }

  @Override
  protected void finish(List<FragmentedTrack> tracks) throws Exception {
    List<FragmentedTrack> videos = new ArrayList<>();
    Map<String, List<FragmentedTrack>> audioByLanguage = new LinkedHashMap<>();
    for (FragmentedTrack t : tracks) {
      if (t.info().kind() == TrackKind.VIDEO) {
        videos.add(t);
      } else {
        String language = t.info().language() == null ? "und" : t.info().language();
        audioByLanguage.computeIfAbsent(language, k -> new ArrayList<>()).add(t);
      }
    }
    List<List<FragmentedTrack>> selections = new ArrayList<>();
    for (ManifestSpec manifest : spec.manifests()) {
      selections.add(
          org.openvod.engine.output.fmp4.StreamSelection.videos(
              manifest, videos, v -> logs.get(v).averageBitrate()));
    }
    // the period starts at the earliest segment; it lasts as long as the video: audio running a
    // few ms past it would make duration-addressed players ask for a segment that does not exist
    double start = Double.MAX_VALUE;
    for (FragmentedTrack t : tracks) {
      SegmentLog log = logs.get(t);
      start = Math.min(start, log.seconds(log.entries().get(0).startTime()));
    }
    double end = 0;
    for (FragmentedTrack t : videos) {
      end = Math.max(end, logs.get(t).presentationEndSeconds());
    }
    double duration = end - start;
    List<DashPeriods.Window> periods = periods(videos, start);
    List<DashSubtitles.Written> texts =
        subtitles.write(
            spec.sink(), subtitleCues(), logs.get(videos.get(0)), template.byTime(), start, end);
    for (int m = 0; m < spec.manifests().size(); m++) {
      ManifestSpec manifest = spec.manifests().get(m);
      MpdWriter mpd =
          new MpdWriter(
              manifest,
              spec.segmentDurationSeconds(),
              template,
              logs,
              trickPlay ? trickLogs : null);
      String xml =
          mpd.periods(periods)
              .captions(closedCaptions().dashValue())
              .subtitles(texts)
              .write(selections.get(m), audioByLanguage, start, duration);
      spec.sink()
          .put(
              manifest.fileName(spec.format()),
              xml.getBytes(StandardCharsets.UTF_8),
              "application/dash+xml");
    }
  }
}
