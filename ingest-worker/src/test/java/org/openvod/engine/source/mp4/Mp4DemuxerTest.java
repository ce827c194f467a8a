package org.openvod.engine.source.mp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.source.mp4.Mp4TestMedia.FolderLocator;
import org.openvod.engine.source.smil.SmilDemuxer;

class Mp4DemuxerTest {

  /** One packet as ffprobe reports it, in the stream's time base. */
  record Packet(long pts, long dts, boolean key, int size) {}

  static List<Packet> ffprobePackets(Path file, String stream) throws Exception {
    var result =
        Mp4TestMedia.run(
            List.of(
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                stream,
                "-show_entries",
                "packet=pts,dts,flags,size",
                "-of",
                "csv=p=0",
                file.toString()));
    assertEquals(0, result.exit(), result.stderr());
    List<Packet> packets = new ArrayList<>();
    for (String line : result.stdout().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split(",");
      packets.add(
          new Packet(
              Long.parseLong(f[0]),
              Long.parseLong(f[1]),
              f[3].startsWith("K"),
              Integer.parseInt(f[2])));
    }
    return packets;
  }

  static String ffprobeStream(Path file, String stream, String entries) throws Exception {
    var result =
        Mp4TestMedia.run(
            List.of(
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                stream,
                "-show_entries",
                "stream=" + entries,
                "-of",
                "csv=p=0",
                file.toString()));
    assertEquals(0, result.exit(), result.stderr());
    return result.stdout().trim();
  }

  @Test
  void samplesMatchFfprobeForEveryTrackOfTheSmil() throws Exception {
    Path abr = Mp4TestMedia.abr();
    FolderLocator locator = new FolderLocator(abr);
    CollectingHandler out = new CollectingHandler();
    List<Double> progress = new ArrayList<>();
    new SmilDemuxer(locator, "abr.smil").run(out, progress::add);

    assertTrue(out.ended);
    // 3 videos + the first rendition's audio (includeAudio=false on the others)
    assertEquals(List.of(1, 2, 3, 4), List.copyOf(out.infos.keySet()));
    StreamInfo video = out.infos.get(1);
    StreamInfo audio = out.infos.get(2);
    assertEquals(TrackKind.VIDEO, video.kind());
    assertEquals(1, video.renditionId());
    assertEquals(TrackKind.AUDIO, audio.kind());
    assertEquals(1, audio.renditionId());
    assertEquals("eng", audio.language());
    assertEquals("English", audio.name());
    assertEquals(2, out.infos.get(3).renditionId());
    assertEquals(3, out.infos.get(4).renditionId());

    int[] videoTracks = {1, 3, 4};
    for (int r = 0; r < 3; r++) {
      Path file = abr.resolve(Mp4TestMedia.ABR[r]);
      StreamInfo info = out.infos.get(videoTracks[r]);
      String[] s = ffprobeStream(file, "v:0", "width,height,level,time_base").split(",");
      assertEquals(Integer.parseInt(s[0]), info.width());
      assertEquals(Integer.parseInt(s[1]), info.height());
      assertEquals(String.format("avc1.4d40%02x", Integer.parseInt(s[2])), info.codecString());
      assertEquals("1/" + info.timescale(), s[3]);
      assertEquals(Codec.H264, info.codec());
      assertEquals(30.0, info.frameRate(), 0.01);
      assertTrue(info.bitrate() > 100_000, "bitrate " + info.bitrate());
      assertSamplesMatch(ffprobePackets(file, "v:0"), out.samples.get(videoTracks[r]));
    }
    Path first = abr.resolve(Mp4TestMedia.ABR[0]);
    String[] a = ffprobeStream(first, "a:0", "sample_rate,channels,time_base").split(",");
    assertEquals(Integer.parseInt(a[0]), audio.sampleRate());
    assertEquals(Integer.parseInt(a[1]), audio.channels());
    assertEquals("mp4a.40.2", audio.codecString());
    assertEquals("1/" + audio.timescale(), a[2]);
    assertSamplesMatch(ffprobePackets(first, "a:0"), out.samples.get(2));

    // decode-time order across all tracks of all files
    for (int i = 1; i < out.order.size(); i++) {
      assertTrue(seconds(out, out.order.get(i - 1)) <= seconds(out, out.order.get(i)) + 1e-9);
    }
    // progress never decreases and ends at 1
    for (int i = 1; i < progress.size(); i++) {
      assertTrue(progress.get(i) >= progress.get(i - 1));
    }
    assertEquals(1.0, progress.get(progress.size() - 1));
  }

  private static double seconds(CollectingHandler out, Sample s) {
    return s.dts() / (double) out.infos.get(s.trackId()).timescale();
  }

  private static void assertSamplesMatch(List<Packet> expected, List<Sample> actual) {
    assertEquals(expected.size(), actual.size(), "sample count");
    int keys = 0;
    for (int i = 0; i < expected.size(); i++) {
      Packet p = expected.get(i);
      Sample s = actual.get(i);
      assertEquals(p.pts(), s.pts(), "pts of sample " + i);
      assertEquals(p.dts(), s.dts(), "dts of sample " + i);
      assertEquals(p.key(), s.keyframe(), "key flag of sample " + i);
      assertEquals(p.size(), s.data().length, "size of sample " + i);
      keys += s.keyframe() ? 1 : 0;
    }
    assertTrue(keys > 0);
  }

  @Test
  void videoSamplesAreFourByteLengthPrefixedNalUnits() throws Exception {
    CollectingHandler out = new CollectingHandler();
    new SmilDemuxer(new FolderLocator(Mp4TestMedia.abr()), "abr.smil").run(out, f -> {});
    for (Sample s : out.samples.get(1)) {
      byte[] d = s.data();
      int p = 0;
      boolean idr = false;
      while (p < d.length) {
        int len =
            ((d[p] & 0xFF) << 24)
                | ((d[p + 1] & 0xFF) << 16)
                | ((d[p + 2] & 0xFF) << 8)
                | (d[p + 3] & 0xFF);
        assertTrue(len > 0 && p + 4 + len <= d.length, "NAL length at " + p);
        idr |= (d[p + 4] & 0x1F) == 5;
        p += 4 + len;
      }
      assertEquals(s.keyframe(), idr, "key frame flag matches an IDR NAL unit");
    }
  }

  @Test
  void readsEachByteOfTheFilesAboutOnce() throws Exception {
    Path abr = Mp4TestMedia.abr();
    FolderLocator locator = new FolderLocator(abr);
    new SmilDemuxer(locator, "abr.smil").run(new CollectingHandler(), f -> {});
    long files = Files.size(abr.resolve("abr.smil"));
    for (String name : Mp4TestMedia.ABR) {
      files += Files.size(abr.resolve(name));
    }
    // everything but the skipped audio of two renditions; never more than the files once
    assertTrue(locator.bytesRead() <= files + 1024, locator.bytesRead() + " > " + files);
    assertTrue(locator.bytesRead() > files * 0.7, locator.bytesRead() + " of " + files);
    assertTrue(locator.reads() < 1000, locator.reads() + " reads");
  }

  @Test
  void splitVideoAndAudioFilesBecomeTwoRenditions() throws Exception {
    CollectingHandler out = new CollectingHandler();
    new SmilDemuxer(new FolderLocator(Mp4TestMedia.split()), "split.smil").run(out, f -> {});
    assertEquals(2, out.infos.size());
    StreamInfo video = out.infos.get(1);
    StreamInfo audio = out.infos.get(2);
    assertEquals(TrackKind.VIDEO, video.kind());
    assertNull(video.language());
    assertEquals(TrackKind.AUDIO, audio.kind());
    assertEquals(2, audio.renditionId());
    assertEquals("fra", audio.language());
    assertEquals("Francais", audio.name());
    assertSamplesMatch(
        ffprobePackets(Mp4TestMedia.split().resolve("audio.mp4"), "a:0"), out.samples.get(2));
    assertArrayEquals(
        out.samples.get(1).get(0).data(),
        firstVideoSampleOf(Mp4TestMedia.abr().resolve(Mp4TestMedia.ABR[0])));
  }

  @Test
  void hevcSamplesMatchFfprobe() throws Exception {
    Path file = Mp4TestMedia.hevc().resolve("hevc.mp4");
    CollectingHandler out = new CollectingHandler();
    new SmilDemuxer(new FolderLocator(Mp4TestMedia.hevc()), "hevc.smil").run(out, f -> {});
    StreamInfo video = out.infos.get(1);
    assertEquals(Codec.H265, video.codec());
    // ffprobe prints fields in its own order: profile, width, height, level
    String[] s = ffprobeStream(file, "v:0", "profile,width,height,level").split(",");
    assertEquals("Main", s[0]);
    assertEquals(Integer.parseInt(s[1]), video.width());
    assertEquals(Integer.parseInt(s[2]), video.height());
    assertTrue(video.codecString().startsWith("hvc1.1.6.L" + s[3] + "."), video.codecString());
    assertSamplesMatch(ffprobePackets(file, "v:0"), out.samples.get(1));
    assertEquals(120, out.samples.get(1).size());
  }

  private static byte[] firstVideoSampleOf(Path file) throws Exception {
    CollectingHandler out = new CollectingHandler();
    new Mp4Demuxer(
            List.of(
                Mp4Rendition.of(
                    "x.mp4",
                    new Mp4TestMedia.FileByteSource(
                        file,
                        new java.util.concurrent.atomic.AtomicLong(),
                        new java.util.concurrent.atomic.AtomicLong()))))
        .run(out, f -> {});
    return out.samples.get(1).get(0).data();
  }
}
