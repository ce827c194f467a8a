package org.openvod.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.AdMarker;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;

/** The segmenter's cuts at SCTE-35 ad markers and where it places them. */
class SegmenterAdMarkerTest {

  private static final long TS = 90000;
  private static final long FRAME = 3000; // 30 fps, a key frame every second

  /** Segment starts per track (seconds from the first pts) and the markers sent on. */
  private static final class Collector implements MediaHandler {
    final List<List<Double>> starts =
        new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
    final List<AdMarker> markers = new ArrayList<>();
    final List<String> order = new ArrayList<>();

    @Override
    public void onStreamInfo(StreamInfo info) {}

    @Override
    public void onSample(Sample sample) {
      order.add("sample:" + sample.trackId() + ":" + sample.pts());
    }

    @Override
    public void onSegmentEnd(int trackId, int index, long startTime, long duration) {
      starts.get(trackId - 1).add((startTime - 2 * FRAME) / (double) TS);
    }

    @Override
    public void onAdMarker(AdMarker marker) {
      markers.add(marker);
      order.add("marker:" + marker.segmentIndex());
    }

    @Override
    public void onEnd() {}
  }

  private static StreamInfo video(int id, int rendition) {
    return new StreamInfo(
        id,
        rendition,
        TrackKind.VIDEO,
        Codec.H264,
        "avc1",
        TS,
        640,
        360,
        30,
        0,
        0,
        null,
        0,
        null,
        null);
  }

  private static Sample frame(int id, int i) {
    long dts = i * FRAME;
    return new Sample(id, dts, dts + 2 * FRAME, FRAME, i % 30 == 0, new byte[] {1});
  }

  private static long at(double seconds) {
    return 2 * FRAME + Math.round(seconds * TS);
  }

  @Test
  void cutsAtTheKeyFrameAfterEachMarkerAndRestartsTheGrid() throws Exception {
    Collector out = new Collector();
    Segmenter segmenter = new Segmenter(4, out);
    segmenter.onStreamInfo(video(1, 0));
    segmenter.onStreamInfo(video(2, 1));
    // a 2 s break from 5.5 s: cuts at 6 (first key frame after 5.5) and 8 (after its end, 7.5)
    segmenter.onAdMarker(AdMarker.of(at(5.5), AdMarker.Kind.OUT, 2 * TS, 9, null, List.of()));
    for (int i = 0; i < 14 * 30; i++) {
      segmenter.onSample(frame(1, i));
      segmenter.onSample(frame(2, i));
    }
    segmenter.onEnd();
    // the grid of 4 s restarts at each marker cut: 0, 4 | 6 | 8, 12
    List<Double> expected = List.of(0.0, 4.0, 6.0, 8.0, 12.0);
    assertEquals(expected, out.starts.get(0));
    assertEquals(expected, out.starts.get(1), "every rendition cuts at the same key frames");
    assertEquals(2, out.markers.size());
    assertEquals(AdMarker.Kind.OUT, out.markers.get(0).kind());
    assertEquals(2, out.markers.get(0).segmentIndex());
    assertEquals(AdMarker.Kind.IN, out.markers.get(1).kind(), "the break's end, derived");
    assertEquals(3, out.markers.get(1).segmentIndex());
    assertEquals(at(7.5), out.markers.get(1).time());
    // placed before the first sample of its segment
    int marker = out.order.indexOf("marker:2");
    assertEquals("sample:1:" + at(6), out.order.get(marker + 1));
  }

  @Test
  void aLateMarkerCutsAtTheNextKeyFrameAndOneAfterTheEndIsDropped() throws Exception {
    Collector out = new Collector();
    Segmenter segmenter = new Segmenter(4, out);
    segmenter.onStreamInfo(video(1, 0));
    for (int i = 0; i < 10 * 30; i++) {
      if (i == 5 * 30 + 10) {
        // arrives at 5.33 s, for 3 s: too late for the key frame at 3 s, so the one at 6 s
        segmenter.onAdMarker(AdMarker.of(at(3), AdMarker.Kind.IN, -1, -1, null, List.of()));
      }
      segmenter.onSample(frame(1, i));
    }
    segmenter.onAdMarker(AdMarker.of(at(11), AdMarker.Kind.OUT, -1, -1, null, List.of()));
    segmenter.onEnd();
    assertEquals(List.of(0.0, 4.0, 6.0), out.starts.get(0));
    assertEquals(1, out.markers.size(), "the marker after the last key frame has no segment");
    assertEquals(2, out.markers.get(0).segmentIndex());
  }
}
