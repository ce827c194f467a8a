package org.openvod.engine.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    if (!track.started) {
      track.start(sample);
      track.nextBoundary = track.firstPts + target(track);
      track.cuts.add(sample.pts());
    } else if (sample.keyframe() && sample.pts() >= track.nextBoundary) {
      endSegment(track, sample.pts());
      track.segmentStart = sample.pts();
      track.cuts.add(sample.pts());
      long elapsed = sample.pts() - track.firstPts;
      track.nextBoundary = track.firstPts + (elapsed / target(track) + 1) * target(track);
    }
    track.accept(sample);
    track.frontier = Math.max(track.frontier, sample.dts());
    downstream.onSample(sample);
  }

  private void onFixedSample(Track track, Sample sample) throws Exception {
    if (!track.started) {
      track.start(sample);
      track.nextBoundary = track.firstPts + target(track);
    } else if (sample.pts() >= track.nextBoundary) {
      endSegment(track, sample.pts());
      track.segmentStart = sample.pts();
      long elapsed = sample.pts() - track.firstPts;
      track.nextBoundary = track.firstPts + (elapsed / target(track) + 1) * target(track);
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
      segmentStart = sample.pts();
      end = sample.pts();
    }

    void accept(Sample sample) {
      end = Math.max(end, sample.pts() + sample.duration());
    }
  }
}
