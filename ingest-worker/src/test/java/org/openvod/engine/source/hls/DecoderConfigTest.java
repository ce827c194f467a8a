package org.openvod.engine.source.hls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.testing.Recorder;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;

/**
 * The decoder configurations read from TS (avcC, hvcC, dac3, dec3 payloads) match the boxes ffmpeg
 * writes when it puts the same streams into MP4, so MP4 writers can use StreamInfo.decoderConfig as
 * is.
 */
class DecoderConfigTest {

  @Test
  void avcConfigMatchesFfmpegsAvcC() throws Exception {
    Path source = TestMedia.threeRenditions().resolve("v0");
    byte[] ours = config(source, TrackKind.VIDEO);
    assertArrayEquals(box(source, "avcC", "0:v"), ours);
  }

  @Test
  void hevcConfigMatchesFfmpegsHvcC() throws Exception {
    Path source = TestMedia.hevcVideo();
    byte[] ours = config(source, TrackKind.VIDEO);
    byte[] theirs = box(source, "hvcC", "0:v");
    // version, profile, compatibility, constraints, level
    assertArrayEquals(Arrays.copyOfRange(theirs, 0, 13), Arrays.copyOfRange(ours, 0, 13));
    // chroma format and bit depths
    assertArrayEquals(Arrays.copyOfRange(theirs, 16, 19), Arrays.copyOfRange(ours, 16, 19));
    assertEquals(theirs[21] & 3, ours[21] & 3, "NAL length size");
  }

  @Test
  void ac3ConfigMatchesFfmpegsDac3() throws Exception {
    byte[] ours = config(TestMedia.ac3Audio(), TrackKind.AUDIO);
    byte[] theirs = box(TestMedia.ac3Audio(), "dac3", "0:a");
    assertArrayEquals(theirs, ours);
  }

  @Test
  void eac3ConfigMatchesFfmpegsDec3() throws Exception {
    byte[] ours = config(TestMedia.eac3Audio(), TrackKind.AUDIO);
    byte[] theirs = box(TestMedia.eac3Audio(), "dec3", "0:a");
    // fscod, bsid, bsmod, acmod, lfeon, substream counts: exact; data_rate (kbps) may round
    assertArrayEquals(Arrays.copyOfRange(theirs, 2, 5), Arrays.copyOfRange(ours, 2, 5));
    assertEquals(theirs[1] & 7, ours[1] & 7);
    int rateOurs = ((ours[0] & 0xff) << 5) | ((ours[1] & 0xff) >> 3);
    int rateTheirs = ((theirs[0] & 0xff) << 5) | ((theirs[1] & 0xff) >> 3);
    assertEquals(rateTheirs, rateOurs, 2, "data_rate in kbit/s");
  }

  private static byte[] config(Path source, TrackKind kind) throws Exception {
    Recorder recorder = new Recorder();
    new HlsDemuxer(new FileSourceLocator(source), "index.m3u8")
        .run(recorder, ProgressListener.NONE);
    StreamInfo info =
        recorder.infos.values().stream().filter(i -> i.kind() == kind).findFirst().get();
    return info.decoderConfig();
  }

  /** The payload of the first {@code type} box in an MP4 ffmpeg makes of one source stream. */
  private static byte[] box(Path source, String type, String stream) throws Exception {
    Path dir = TestMedia.scratch("decoder-config-" + type);
    Tools.ffmpegOk(
        dir,
        "-v",
        "error",
        "-i",
        source.resolve("seg_000.ts").toString(),
        "-map",
        stream,
        "-c",
        "copy",
        "out.mp4");
    byte[] mp4 = Files.readAllBytes(dir.resolve("out.mp4"));
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    for (int i = 4; i + 4 <= mp4.length; i++) {
      if (Arrays.equals(mp4, i, i + 4, name, 0, 4)) {
        int size =
            ((mp4[i - 4] & 0xff) << 24)
                | ((mp4[i - 3] & 0xff) << 16)
                | ((mp4[i - 2] & 0xff) << 8)
                | (mp4[i - 1] & 0xff);
        assertTrue(size > 8 && i - 4 + size <= mp4.length);
        return Arrays.copyOfRange(mp4, i + 4, i - 4 + size);
      }
    }
    throw new AssertionError("no " + type + " box in ffmpeg's MP4");
  }
}
