package org.openvod.engine.source.mp4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.pipeline.MediaHandler;

/** Keeps every event a demuxer sends, for assertions. */
public final class CollectingHandler implements MediaHandler {
  public final Map<Integer, StreamInfo> infos = new LinkedHashMap<>();
  public final Map<Integer, List<Sample>> samples = new LinkedHashMap<>();
  public final List<Sample> order = new ArrayList<>();
  public boolean ended;

  @Override
  public void onStreamInfo(StreamInfo info) {
    if (!order.isEmpty()) {
      throw new AssertionError("stream info after samples");
    }
    infos.put(info.trackId(), info);
    samples.put(info.trackId(), new ArrayList<>());
  }

  @Override
  public void onSample(Sample sample) {
    if (!infos.containsKey(sample.trackId())) {
      throw new AssertionError("sample of unknown track " + sample.trackId());
    }
    samples.get(sample.trackId()).add(sample);
    order.add(sample);
  }

  @Override
  public void onEnd() {
    ended = true;
  }
}
