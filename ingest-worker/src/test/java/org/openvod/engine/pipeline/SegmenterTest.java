package org.openvod.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.testing.Recorder;

class SegmenterTest {

  private static final long TS = 90000;
  private static final long FRAME = 3000; // 30 fps

  private static StreamInfo video(int id, int rendition) {
    return new StreamInfo(
        id,
        rendition,
        TrackKind.VIDEO,
        Codec.H264,
        "avc1.4d401e",
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

  private static StreamInfo audio(int id, int rendition, long timescale) {
    return new StreamInfo(
        id,
        rendition,
        TrackKind.AUDIO,
        Codec.AAC,
        "mp4a.40.2",
        timescale,
        0,
        0,
        0,
        48000,
        2,
        null,
        0,
        null,
        null);
  }

  /** 30 fps video from {@code start}, a key frame every {@code gop} frames. */
  private static List<Sample> videoSamples(int id, long start, int frames, int gop) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      long dts = start + i * FRAME;
      out.add(new Sample(id, dts, dts + 2 * FRAME, FRAME, i % gop == 0, new byte[] {1}));
    }
    return out;
  }

  /** 48 kHz AAC frames from {@code start} (in {@code timescale}). */
  private static List<Sample> audioSamples(int id, long start, int frames, long timescale) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      long t = start + i * 1024 * timescale / 48000;
      out.add(new Sample(id, t, t, 1024 * timescale / 48000, true, new byte[] {2}));
    }
    return out;
  }

  @Test
  void videoCutsAtFirstKeyFrameAtOrAfterEachMultiple() throws Exception {
    Recorder out = new Recorder();
    Segmenter segmenter = new Segmenter(5, out);
    segmenter.onStreamInfo(video(1, 0));
    for (Sample s : videoSamples(1, 1000, 360, 60)) {
      segmenter.onSample(s);
    }
    segmenter.onEnd();
    // key frames every 2 s: 5 s -> cut at 6 s, then 10 s, then the rest up to 12 s
    List<Recorder.SegmentEnd> ends = out.segments.get(1);
    assertEquals(3, ends.size());
    long first = 1000 + 2 * FRAME;
    assertEquals(new Recorder.SegmentEnd(1, 0, first, 6 * TS), ends.get(0));
    assertEquals(new Recorder.SegmentEnd(1, 1, first + 6 * TS, 4 * TS), ends.get(1));
    assertEquals(new Recorder.SegmentEnd(1, 2, first + 10 * TS, 2 * TS), ends.get(2));
    assertEquals(360, out.samples(1).size());
    // each end comes right before the key frame that starts the next segment
    int end0 = out.events.indexOf("end:1:0");
    assertEquals("sample:1", out.events.get(end0 + 1));
    assertEquals(
        180, out.events.subList(0, end0).stream().filter(e -> e.equals("sample:1")).count());
    assertEquals("end", out.events.get(out.events.size() - 1));
  }

  @Test
  void renditionsWithAlignedGopsGetIdenticalBoundaries() throws Exception {
    Recorder out = new Recorder();
    Segmenter segmenter = new Segmenter(4, out);
    segmenter.onStreamInfo(video(1, 0));
    segmenter.onStreamInfo(video(2, 1));
    List<Sample> a = videoSamples(1, 0, 300, 30);
    List<Sample> b = videoSamples(2, 0, 300, 60);
    for (int i = 0; i < 300; i++) {
      segmenter.onSample(a.get(i));
      segmenter.onSample(b.get(i));
    }
    segmenter.onEnd();
    List<Long> startsA = out.segments.get(1).stream().map(Recorder.SegmentEnd::startTime).toList();
    List<Long> startsB = out.segments.get(2).stream().map(Recorder.SegmentEnd::startTime).toList();
    assertEquals(startsA, startsB);
    assertEquals(3, startsA.size());
  }

  @Test
  void audioFollowsItsVideoCutsEvenWhenItArrivesEarly() throws Exception {
    Recorder out = new Recorder();
    Segmenter segmenter = new Segmenter(6, out);
    segmenter.onStreamInfo(video(1, 0));
    segmenter.onStreamInfo(audio(2, 0, 48000));
    List<Sample> v = videoSamples(1, 0, 360, 60);
    List<Sample> a = audioSamples(2, 0, 563, 48000);
    // all audio of the first 8 s comes before any video: the segmenter must hold it back
    int ai = 0;
    while (ai < a.size() && a.get(ai).pts() < 8 * 48000) {
      segmenter.onSample(a.get(ai++));
    }
    for (Sample s : v) {
      segmenter.onSample(s);
      while (ai < a.size() && a.get(ai).pts() * TS / 48000 <= s.dts() + TS) {
        segmenter.onSample(a.get(ai++));
      }
    }
    while (ai < a.size()) {
      segmenter.onSample(a.get(ai++));
    }
    segmenter.onEnd();
    List<Recorder.SegmentEnd> videoEnds = out.segments.get(1);
    List<Recorder.SegmentEnd> audioEnds = out.segments.get(2);
    assertEquals(2, videoEnds.size());
    assertEquals(2, audioEnds.size());
    // the video cut is at pts 6 s + 2 frames; audio cuts at its first frame at or after it
    long cutSeconds = videoEnds.get(1).startTime();
    long audioCut = audioEnds.get(1).startTime();
    assertTrue(audioCut * TS >= cutSeconds * 48000, "audio cut " + audioCut + " before video");
    assertTrue((audioCut - 1024) * TS < cutSeconds * 48000, "audio cut a frame late");
    // every audio sample of segment 1 comes after the end of audio segment 0
    int endAudio0 = out.events.indexOf("end:2:0");
    long audioBefore =
        out.events.subList(0, endAudio0).stream().filter(e -> e.equals("sample:2")).count();
    assertEquals((audioCut + 1023) / 1024, audioBefore);
    long total = audioEnds.stream().mapToLong(Recorder.SegmentEnd::duration).sum();
    assertEquals(563 * 1024, total);
  }

  @Test
  void audioOnlyRenditionCutsAtFixedMultiples() throws Exception {
    Recorder out = new Recorder();
    Segmenter segmenter = new Segmenter(4, out);
    segmenter.onStreamInfo(video(1, 0));
    segmenter.onStreamInfo(audio(2, 7, TS));
    for (Sample s : audioSamples(2, 5000, 563, TS)) {
      segmenter.onSample(s);
    }
    for (Sample s : videoSamples(1, 0, 360, 60)) {
      segmenter.onSample(s);
    }
    segmenter.onEnd();
    List<Recorder.SegmentEnd> ends = out.segments.get(2);
    assertEquals(3, ends.size());
    for (int i = 1; i < ends.size(); i++) {
      long boundary = 5000 + i * 4 * TS;
      long start = ends.get(i).startTime();
      assertTrue(start >= boundary && start < boundary + 1920, "cut " + start + " at " + boundary);
    }
  }

  @Test
  void refusesANonPositiveTarget() {
    assertThrows(IllegalArgumentException.class, () -> new Segmenter(0, new Recorder()));
  }
}
