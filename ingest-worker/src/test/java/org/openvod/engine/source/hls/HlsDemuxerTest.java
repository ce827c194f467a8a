package org.openvod.engine.source.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.testing.Recorder;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;

class HlsDemuxerTest {

  @Test
  void samplesMatchFfprobe() throws Exception {
    Path source = TestMedia.threeRenditions();
    Recorder recorder = new Recorder();
    new HlsDemuxer(new FileSourceLocator(source), TestMedia.MASTER)
        .run(recorder, ProgressListener.NONE);
    assertEquals(6, recorder.infos.size());
    for (int v = 0; v < 3; v++) {
      List<Tools.Packet> packets = Tools.packets(source, "v" + v + "/index.m3u8");
      StreamInfo video = recorder.infos.get(2 * v + 1);
      StreamInfo audio = recorder.infos.get(2 * v + 2);
      assertEquals(TrackKind.VIDEO, video.kind());
      assertEquals(TrackKind.AUDIO, audio.kind());
      assertEquals(360, recorder.samples(video.trackId()).size(), "12 s of 30 fps video");
      assertEquals(TestMedia.RENDITIONS[v][0], video.width());
      assertEquals(TestMedia.RENDITIONS[v][1], video.height());
      assertEquals(30.0, video.frameRate());
      assertEquals(48000, audio.sampleRate());
      assertEquals(2, audio.channels());
      assertEquals("mp4a.40.2", audio.codecString());
      assertTrue(video.codecString().matches("avc1\\.[0-9a-f]{6}"), video.codecString());
      String master = TestMedia.read(source.resolve(TestMedia.MASTER));
      assertTrue(
          master.contains("CODECS=\"" + video.codecString() + ",mp4a.40.2\""),
          "ffmpeg's CODECS in " + master + " vs ours " + video.codecString());
      compare(packets, 0, recorder.samples(video.trackId()));
      compare(packets, 1, recorder.samples(audio.trackId()));
    }
  }

  private static void compare(List<Tools.Packet> packets, int stream, List<Sample> samples) {
    List<Tools.Packet> expected = packets.stream().filter(p -> p.streamIndex() == stream).toList();
    assertEquals(expected.size(), samples.size(), "sample count of stream " + stream);
    for (int i = 0; i < samples.size(); i++) {
      Tools.Packet p = expected.get(i);
      Sample s = samples.get(i);
      assertEquals(p.pts(), s.pts(), "pts of sample " + i + " of stream " + stream);
      assertEquals(p.dts(), s.dts(), "dts of sample " + i + " of stream " + stream);
      assertEquals(p.keyframe(), s.keyframe(), "key flag of sample " + i);
      assertTrue(s.duration() > 0);
    }
  }
}
