package org.openvod.engine.source.smil;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.codec.Srt;
import org.openvod.engine.codec.WebVtt;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.pipeline.ForwardingHandler;
import org.openvod.engine.pipeline.MediaHandler;

/**
 * Adds the SRT subtitles of a .smil to the MP4 renditions' stream as WebVTT subtitle tracks: one
 * stream info per file after the MP4 tracks' (ids after theirs), and one sample per {@link
 * #SEGMENT_MILLIS} of time holding a whole WebVTT document (every cue that overlaps it), sent in
 * time order among the MP4 samples and up to the end of the media or of the last cue. Outputs write
 * each sample as one WebVTT segment, as they do with an HLS source's WebVTT segments. Cue times are
 * media times; the document maps media time 0 to MPEGTS 0 (outputs that shift their TS clock move
 * it).
 */
final class SrtSubtitles extends ForwardingHandler {

  /** The length of a WebVTT segment: MediaPackage's default HLS segment length. */
  static final long SEGMENT_MILLIS = 6000;

  /** One SRT file, read. */
  record Subtitles(String language, String name, List<Srt.Cue> cues) {

    long endMillis() {
      return cues.stream().mapToLong(Srt.Cue::endMillis).max().orElse(0);
    }
  }

  private final MediaHandler downstream;
  private final List<Subtitles> files;
  private final int[] trackIds;
  private final long[] next;
  private int maxTrackId;
  private int maxRenditionId;
  private boolean announced;
  private long mediaEndMillis;

  SrtSubtitles(MediaHandler downstream, List<Subtitles> files) {
    super(downstream);
    this.downstream = downstream;
    this.files = List.copyOf(files);
    this.trackIds = new int[files.size()];
    this.next = new long[files.size()];
  }

  @Override
  public void onStreamInfo(StreamInfo info) throws Exception {
    maxTrackId = Math.max(maxTrackId, info.trackId());
    maxRenditionId = Math.max(maxRenditionId, info.renditionId());
    timescales.put(info.trackId(), info.timescale());
    downstream.onStreamInfo(info);
  }

  @Override
  public void onSample(Sample sample) throws Exception {
    announce();
    Long timescale = timescales.get(sample.trackId());
    if (timescale != null) {
      long millis = Math.floorDiv(sample.pts() * 1000, timescale);
      long end = Math.floorDiv((sample.pts() + sample.duration()) * 1000, timescale);
      mediaEndMillis = Math.max(mediaEndMillis, end);
      sendUntil(millis, false);
    }
    downstream.onSample(sample);
  }

  @Override
  public void onEnd() throws Exception {
    announce();
    sendUntil(Long.MAX_VALUE, true);
    downstream.onEnd();
  }

  /** The MP4 tracks' timescales. */
  private final Map<Integer, Long> timescales = new HashMap<>();

  private void announce() throws Exception {
    if (announced) {
      return;
    }
    announced = true;
    for (int i = 0; i < files.size(); i++) {
      Subtitles file = files.get(i);
      trackIds[i] = maxTrackId + 1 + i;
      downstream.onStreamInfo(
          new StreamInfo(
              trackIds[i],
              maxRenditionId + 1 + i,
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
              file.language(),
              file.name()));
    }
  }

  /**
   * Sends the segments that end at or before {@code millis}, the media's time so far; at the end,
   * every segment left up to the end of the media or of the last cue, the last one shortened.
   */
  private void sendUntil(long millis, boolean end) throws Exception {
    for (int i = 0; i < files.size(); i++) {
      Subtitles file = files.get(i);
      long last = Math.max(file.endMillis(), mediaEndMillis);
      while (end ? next[i] < last : next[i] + SEGMENT_MILLIS <= millis) {
        long from = next[i];
        long to = Math.min(from + SEGMENT_MILLIS, end ? last : Long.MAX_VALUE);
        byte[] data = WebVtt.segment(file.cues(), from, to, 0);
        downstream.onSample(
            new Sample(trackIds[i], from * 90, from * 90, (to - from) * 90, true, data));
        next[i] = to;
      }
    }
  }
}
