package org.openvod.engine.output.hls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.media.Sample;
import org.openvod.engine.output.OutputSink;

/** Writes the audio-only TS segments of one EXT-X-MEDIA audio rendition, cut by the segmenter. */
final class AudioRenditionMuxer {

  private final RenditionSegments record;
  private final TsClock clock;
  private final TsStream stream;
  private final TsSegmentWriter writer;
  private final SegmentSealer sealer;
  private List<Sample> current = new ArrayList<>();

  AudioRenditionMuxer(RenditionSegments record, OutputSink sink, TsClock clock) {
    this.record = record;
    this.clock = clock;
    this.sealer = new SegmentSealer(record, sink, false);
    this.stream = new TsStream(record.main, 0x101, VariantMuxer.sampleAes(record, record.main));
    this.writer = new TsSegmentWriter(List.of(stream));
  }

  boolean handles(int trackId) {
    return trackId == stream.info.trackId();
  }

  void onSample(Sample sample) {
    current.add(sample);
    record.mainSampleBytes += sample.data().length;
  }

  void onSegmentEnd(long start, long duration) throws IOException {
    long scale = stream.info.timescale();
    List<TsSegmentWriter.Timed> timed = new ArrayList<>(current.size());
    for (Sample s : current) {
      timed.add(
          new TsSegmentWriter.Timed(
              stream, s, clock.ticks(s.pts(), scale), clock.ticks(s.dts(), scale)));
    }
    current = new ArrayList<>();
    int index = record.segments.size();
    TsSegmentWriter.Segment bytes = writer.write(timed, sealer.sampleAesIv(index));
    String path = String.format("%s/seg_%05d.ts", record.folder, index);
    long size = sealer.put(path, index, bytes);
    record.segments.add(
        new SegmentRecord(
            path,
            start / (double) scale,
            duration / (double) scale,
            size,
            List.of(),
            clock.ticks(start + duration, scale)));
  }
}
