package org.openvod.engine.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.pipeline.MediaHandler;

/** Records everything a pipeline stage sends, and checks the MediaHandler call order. */
public final class Recorder implements MediaHandler {

  /** One onSegmentEnd call. */
  public record SegmentEnd(int trackId, int index, long startTime, long duration) {}

  public final Map<Integer, StreamInfo> infos = new LinkedHashMap<>();
  public final Map<Integer, List<Sample>> samples = new LinkedHashMap<>();
  public final Map<Integer, List<SegmentEnd>> segments = new LinkedHashMap<>();

  /** Every event in order: "info:id", "sample:id", "end:id:index", "end". */
  public final List<String> events = new ArrayList<>();

  public boolean ended;

  @Override
  public void onStreamInfo(StreamInfo info) {
    if (infos.containsKey(info.trackId())) {
      throw new AssertionError("second info for track " + info.trackId());
    }
    infos.put(info.trackId(), info);
    events.add("info:" + info.trackId());
  }

  @Override
  public void onSample(Sample sample) {
    if (!infos.containsKey(sample.trackId())) {
      throw new AssertionError("sample of track " + sample.trackId() + " before its info");
    }
    if (ended) {
      throw new AssertionError("sample after end");
    }
    samples.computeIfAbsent(sample.trackId(), k -> new ArrayList<>()).add(sample);
    events.add("sample:" + sample.trackId());
  }

  @Override
  public void onSegmentEnd(int trackId, int index, long startTime, long duration) {
    segments
        .computeIfAbsent(trackId, k -> new ArrayList<>())
        .add(new SegmentEnd(trackId, index, startTime, duration));
    events.add("end:" + trackId + ":" + index);
  }

  @Override
  public void onEnd() {
    ended = true;
    events.add("end");
  }

  public List<Sample> samples(int trackId) {
    return samples.getOrDefault(trackId, List.of());
  }
}
