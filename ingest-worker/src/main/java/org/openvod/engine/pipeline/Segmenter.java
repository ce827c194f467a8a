package org.openvod.engine.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.openvod.engine.media.AdMarker;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;

/**
 * Decides segment boundaries and tells the downstream handler with {@link
 * MediaHandler#onSegmentEnd}, as Shaka Packager's ChunkingHandler.
 *
 * <ul>
 *   <li>A video track cuts at its first key frame whose pts is at or after the next multiple of the
 *       target duration, counted from the track's first pts. Renditions whose GOPs are aligned
 *       therefore get identical boundaries, which HLS and DASH players need to switch.
 *   <li>Audio and subtitle tracks of a rendition with video cut at that video track's cut times: a
 *       sample starts a new segment when its pts is at or after the cut. Such samples wait in a
 *       bounded buffer until the video has gone past their time, since only then are all cuts
 *       before them known.
 *   <li>Tracks of a rendition without video cut at fixed multiples of the target.
 *   <li>An {@link AdMarker} forces a cut: video tracks cut at their first key frame at or after the
 *       marker (tracks without video at their first sample), and the target grid starts again
 *       there. A break with a duration also cuts where it ends. The marker goes downstream {@link
 *       AdMarker#placedAt placed} at the index of the first video track's segment that starts
 *       there, before that segment's first sample; markers after the last key frame are dropped.
 * </ul>
 *
 * Segment indexes count from 0 per track; a track's segment {@code i} covers the same time as
 * segment {@code i} of its rendition's video. Every track's last segment ends at {@link #onEnd}.
 */
public final class Segmenter implements MediaHandler {

  /** Samples a track may hold back waiting for its video before they go out regardless. */
  static final int MAX_BUFFERED_SAMPLES = 4096;

  private final int targetSeconds;
  private final MediaHandler downstream;
  private final Map<Integer, Track> tracks = new LinkedHashMap<>();
  private final Map<Integer, Track> videoByRendition = new HashMap<>();

  /** Times (90 kHz) at which ad markers force a cut. */
  private final TreeSet<Long> markerCuts = new TreeSet<>();

  /** Markers waiting for the first video track to reach them, in time order. */
  private final List<AdMarker> unplaced = new ArrayList<>();

  /** The track whose segment indexes place ad markers: the first video track. */
  private Track reference;

  public Segmenter(int targetSeconds, MediaHandler downstream) {
    if (targetSeconds <= 0) {
      throw new IllegalArgumentException(
          "segmentDurationSeconds must be at least 1, was " + targetSeconds);
    }
    this.targetSeconds = targetSeconds;
    this.downstream = downstream;
  }

  @Override
  public void onStreamInfo(StreamInfo info) throws Exception {
    Track track = new Track(info);
    tracks.put(info.trackId(), track);
    if (info.kind() == TrackKind.VIDEO) {
      videoByRendition.putIfAbsent(info.renditionId(), track);
      if (reference == null) {
        reference = track;
      }
    }
    downstream.onStreamInfo(info);
  }

  @Override
  public void onSample(Sample sample) throws Exception {
    Track track = tracks.get(sample.trackId());
    if (track == null) {
      throw new IllegalStateException("sample of track " + sample.trackId() + " before its info");
    }
    Track video = videoByRendition.get(track.info.renditionId());
    if (track == video) {
      onVideoSample(track, sample);
      releaseFollowers(track, false);
    } else if (video != null) {
      track.buffer.add(sample);
      releaseFollower(track, video, track.buffer.size() > MAX_BUFFERED_SAMPLES);
    } else {
      onFixedSample(track, sample);
    }
  }

  @Override
  public void onAdMarker(AdMarker marker) {
    List<AdMarker> markers = new ArrayList<>(List.of(marker));
    if (marker.kind() == AdMarker.Kind.OUT && marker.hasDuration() && marker.duration() > 0) {
      // the break ends by itself after its duration: that is a cut, and the return point
      markers.add(
          AdMarker.of(
              marker.time() + marker.duration(),
              AdMarker.Kind.IN,
              -1,
              marker.eventId(),
              null,
              List.of()));
    }
    for (AdMarker m : markers) {
      markerCuts.add(m.time());
      int at = unplaced.size();
      while (at > 0 && unplaced.get(at - 1).time() > m.time()) {
        at--;
      }
      unplaced.add(at, m);
    }
  }

  @Override
  public void onEnd() throws Exception {
    for (Track video : videoByRendition.values()) {
      releaseFollowers(video, true);
    }
    for (Track track : tracks.values()) {
      if (track.started) {
        downstream.onSegmentEnd(
            track.info.trackId(), track.index, track.segmentStart, track.end - track.segmentStart);
      }
    }
    downstream.onEnd();
  }

  private void onVideoSample(Track track, Sample sample) throws Exception {
    Long marker = dueMarker(track, sample);
    if (!track.started) {
      track.start(sample);
      track.nextBoundary = track.firstPts + target(track);
      track.cuts.add(sample.pts());
      track.honour(marker);
      place(track, sample);
    } else if (sample.keyframe() && (sample.pts() >= track.nextBoundary || marker != null)) {
      endSegment(track, sample.pts());
      track.segmentStart = sample.pts();
      track.cuts.add(sample.pts());
      track.nextBoundary = nextBoundary(track, sample, marker);
      place(track, sample);
    }
    track.accept(sample);
    track.frontier = Math.max(track.frontier, sample.dts());
    downstream.onSample(sample);
  }

  private void onFixedSample(Track track, Sample sample) throws Exception {
    Long marker = dueMarker(track, sample);
    if (!track.started) {
      track.start(sample);
      track.nextBoundary = track.firstPts + target(track);
      track.honour(marker);
    } else if (sample.pts() >= track.nextBoundary || marker != null) {
      endSegment(track, sample.pts());
      track.segmentStart = sample.pts();
      track.nextBoundary = nextBoundary(track, sample, marker);
    }
    track.accept(sample);
    downstream.onSample(sample);
  }

  private void releaseFollowers(Track video, boolean all) throws Exception {
    for (Track track : tracks.values()) {
      if (track != video && videoByRendition.get(track.info.renditionId()) == video) {
        releaseFollower(track, video, all);
      }
    }
  }

  /**
   * Sends on the buffered samples of {@code track} whose time the video has passed: a later video
   * key frame has a pts above the video's last dts, so no cut can come before them any more.
   */
  private void releaseFollower(Track track, Track video, boolean all) throws Exception {
    while (!track.buffer.isEmpty()) {
      Sample sample = track.buffer.peek();
      boolean known = video.started && toTimescale(sample.pts(), track, video) <= video.frontier;
      if (!all && !known) {
        return;
      }
      track.buffer.poll();
      int segment = segmentAt(video, toTimescale(sample.pts(), track, video));
      if (!track.started) {
        track.start(sample);
        track.index = segment;
      } else if (segment > track.index) {
        endSegment(track, sample.pts());
        track.segmentStart = sample.pts();
        track.index = segment;
      }
      track.accept(sample);
      downstream.onSample(sample);
    }
  }

  /** The latest marker cut at or before the sample that the track has not cut at yet, or null. */
  private Long dueMarker(Track track, Sample sample) {
    if (markerCuts.isEmpty()) {
      return null;
    }
    Long cut = markerCuts.floor(Math.floorDiv(sample.pts() * 90000, track.info.timescale()));
    return cut != null && cut > track.markerFloor ? cut : null;
  }

  /**
   * The next regular boundary after a cut at {@code sample}: on the grid of target multiples from
   * the track's start, or from the last marker cut, which restarts the grid.
   */
  private long nextBoundary(Track track, Sample sample, Long marker) {
    if (marker != null) {
      track.honour(marker);
      track.anchor = sample.pts();
    }
    long elapsed = sample.pts() - track.anchor;
    return track.anchor + (elapsed / target(track) + 1) * target(track);
  }

  /** Sends on the markers the reference track's segment starting at {@code sample} holds. */
  private void place(Track track, Sample sample) throws Exception {
    if (track != reference || unplaced.isEmpty()) {
      return;
    }
    long time = Math.floorDiv(sample.pts() * 90000, track.info.timescale());
    while (!unplaced.isEmpty() && unplaced.get(0).time() <= time) {
      downstream.onAdMarker(unplaced.remove(0).placedAt(track.index));
    }
  }

  /** Index of the video segment that holds time {@code t} (video timescale). */
  private static int segmentAt(Track video, long t) {
    List<Long> cuts = video.cuts;
    int low = 0;
    int high = cuts.size() - 1;
    int found = 0;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (cuts.get(mid) <= t) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  private void endSegment(Track track, long nextStart) throws Exception {
    downstream.onSegmentEnd(
        track.info.trackId(), track.index, track.segmentStart, nextStart - track.segmentStart);
    track.index++;
  }

  private long target(Track track) {
    return targetSeconds * track.info.timescale();
  }

  private static long toTimescale(long t, Track from, Track to) {
    if (from.info.timescale() == to.info.timescale()) {
      return t;
    }
    return Math.floorDiv(t * to.info.timescale(), from.info.timescale());
  }

  /** What the segmenter knows of one track. */
  private static final class Track {
    final StreamInfo info;
    final ArrayDeque<Sample> buffer = new ArrayDeque<>();

    /** Video: start pts of every segment so far. */
    final List<Long> cuts = new ArrayList<>();

    boolean started;
    long firstPts;

    /** Where the grid of target boundaries starts: the first pts, then the last marker cut. */
    long anchor;

    /** The latest marker cut (90 kHz) this track has honoured. */
    long markerFloor = Long.MIN_VALUE;

    long segmentStart;
    long nextBoundary;
    int index;

    /** Latest end of a sample seen (pts + duration): where the open segment ends. */
    long end;

    /** Video: highest dts seen. */
    long frontier = Long.MIN_VALUE;

    Track(StreamInfo info) {
      this.info = info;
    }

    void start(Sample sample) {
      started = true;
      firstPts = sample.pts();
      anchor = sample.pts();
      segmentStart = sample.pts();
      end = sample.pts();
    }

    void honour(Long markerCut) {
      if (markerCut != null) {
        markerFloor = markerCut;
      }
    }

    void accept(Sample sample) {
      end = Math.max(end, sample.pts() + sample.duration());
    }
  }
}
