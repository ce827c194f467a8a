package org.openvod.engine.output.hls;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.encrypt.SampleAesEncryptor;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.output.OutputSink;

/**
 * Writes the TS segments of one video variant, with its muxed audio. Segments follow the video
 * track's cuts; audio samples go to the segment whose time span holds their pts, so audio from
 * another rendition (cut elsewhere) muxes in as well as the rendition's own. A segment is written
 * once its audio has reached its end, so at most a couple of segments are held in memory.
 */
final class VariantMuxer {

  private static final int MAX_WAITING_SEGMENTS = 3;

  /** A finished video segment waiting for its audio. */
  private record Waiting(long start, long duration, List<Sample> video) {}

  private final RenditionSegments record;
  private final OutputSink sink;
  private final TsClock clock;
  private final TsStream video;
  private final Map<Integer, TsStream> audio = new LinkedHashMap<>();
  private final Map<Integer, Deque<Sample>> audioQueues = new LinkedHashMap<>();
  private final Map<Integer, Long> audioProgress = new LinkedHashMap<>();
  private final TsSegmentWriter writer;
  private final Deque<Waiting> waiting = new ArrayDeque<>();
  private final SegmentSealer sealer;
  private List<Sample> current = new ArrayList<>();

  VariantMuxer(RenditionSegments record, OutputSink sink, TsClock clock) {
    this(record, sink, clock, false);
  }

  /**
   * @param iframeFiles AES-128: also write each key frame as a file of its own, for I-frame
   *     playlists
   */
  VariantMuxer(RenditionSegments record, OutputSink sink, TsClock clock, boolean iframeFiles) {
    this.record = record;
    this.sink = sink;
    this.clock = clock;
    this.sealer = new SegmentSealer(record, sink, iframeFiles);
    this.video = new TsStream(record.main, 0x100, sampleAes(record, record.main));
    List<TsStream> streams = new ArrayList<>(List.of(video));
    int pid = 0x101;
    for (StreamInfo info : record.muxedAudio) {
      TsStream stream = new TsStream(info, pid++, sampleAes(record, info));
      streams.add(stream);
      audio.put(info.trackId(), stream);
      audioQueues.put(info.trackId(), new ArrayDeque<>());
      audioProgress.put(info.trackId(), Long.MIN_VALUE);
    }
    this.writer = new TsSegmentWriter(streams);
  }

  /** The SAMPLE-AES encryptor of one track of the rendition, or null when it stays clear. */
  static SampleAesEncryptor sampleAes(RenditionSegments record, StreamInfo info) {
    if (record.key == null
        || !record.key.sampleAes()
        || !record.encryptedTracks.contains(info.trackId())) {
      return null;
    }
    return new SampleAesEncryptor(record.key.protectionKey().key(), info.codec());
  }

  boolean handles(int trackId) {
    return trackId == video.info.trackId() || audio.containsKey(trackId);
  }

  void onSample(Sample sample) throws IOException {
    if (sample.trackId() == video.info.trackId()) {
      current.add(sample);
      record.mainSampleBytes += sample.data().length;
    } else if (audio.containsKey(sample.trackId())) {
      audioQueues.get(sample.trackId()).add(sample);
      audioProgress.put(sample.trackId(), sample.pts() + sample.duration());
      flushReady(false);
    }
  }

  void onSegmentEnd(int trackId, long start, long duration) throws IOException {
    if (trackId != video.info.trackId()) {
      return;
    }
    waiting.add(new Waiting(start, duration, current));
    current = new ArrayList<>();
    flushReady(false);
  }

  void onEnd() throws IOException {
    flushReady(true);
  }

  private void flushReady(boolean end) throws IOException {
    while (!waiting.isEmpty()) {
      Waiting segment = waiting.peek();
      long segmentEnd = segment.start() + segment.duration();
      boolean last = end && waiting.size() == 1 && current.isEmpty();
      if (!end && waiting.size() <= MAX_WAITING_SEGMENTS && !audioCaughtUp(segmentEnd)) {
        return;
      }
      waiting.poll();
      write(segment, last ? Long.MAX_VALUE : segmentEnd);
    }
  }

  private boolean audioCaughtUp(long videoTime) {
    long scale = video.info.timescale();
    for (Map.Entry<Integer, TsStream> e : audio.entrySet()) {
      long progress = audioProgress.get(e.getKey());
      if (progress == Long.MIN_VALUE
          || progress * scale < videoTime * e.getValue().info.timescale()) {
        return false;
      }
    }
    return true;
  }

  private void write(Waiting segment, long segmentEnd) throws IOException {
    List<TsSegmentWriter.Timed> timed = new ArrayList<>();
    long vScale = video.info.timescale();
    for (Sample s : segment.video()) {
      timed.add(
          new TsSegmentWriter.Timed(
              video, s, clock.ticks(s.pts(), vScale), clock.ticks(s.dts(), vScale)));
    }
    for (Map.Entry<Integer, TsStream> e : audio.entrySet()) {
      TsStream stream = e.getValue();
      long aScale = stream.info.timescale();
      Deque<Sample> queue = audioQueues.get(e.getKey());
      while (!queue.isEmpty()
          && (segmentEnd == Long.MAX_VALUE || queue.peek().pts() * vScale < segmentEnd * aScale)) {
        Sample s = queue.poll();
        timed.add(
            new TsSegmentWriter.Timed(
                stream, s, clock.ticks(s.pts(), aScale), clock.ticks(s.dts(), aScale)));
      }
    }
    timed.sort(
        Comparator.comparingLong(TsSegmentWriter.Timed::dts)
            .thenComparingInt(t -> t.stream().isVideo() ? 0 : 1));
    int index = record.segments.size();
    TsSegmentWriter.Segment bytes = writer.write(timed, sealer.sampleAesIv(index));
    String path = String.format("%s/seg_%05d.ts", record.folder, index);
    long size = sealer.put(path, index, bytes);
    long end90 = clock.ticks(segment.start() + segment.duration(), vScale);
    record.segments.add(
        new SegmentRecord(
            path,
            segment.start() / (double) vScale,
            segment.duration() / (double) vScale,
            size,
            bytes.keyFrames(),
            end90));
  }
}
