package org.openvod.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.pipeline.MediaHandler;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.source.SourceDemuxers;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;

/** The colour description read from real encoders' parameter sets, HDR and SDR, H.264 and H.265. */
class ColourDescriptionTest {

  @Test
  void hdr10HevcIsPqWithBt2020() throws Exception {
    ColourDescription c = colourOf(TestMedia.hdr10Video());
    assertEquals(new ColourDescription(9, 16, 9), c);
    assertEquals("PQ", c.videoRange());
  }

  @Test
  void hlgHevcIsHlg() throws Exception {
    Path dir =
        encode(
            "hlg",
            "libx265",
            "-x265-params",
            "log-level=error:colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc:keyint=10");
    ColourDescription c = colourOf(dir);
    assertEquals(18, c.transfer());
    assertEquals("HLG", c.videoRange());
  }

  @Test
  void hevcWithoutColourDescriptionIsUnspecifiedSdr() throws Exception {
    ColourDescription c = colourOf(TestMedia.hevcVideo());
    assertEquals(ColourDescription.UNSPECIFIED, c);
    assertFalse(c.isHdr());
  }

  @Test
  void h264ColourDescriptionIsReadBeforeItsTiming() throws Exception {
    Path dir =
        encode(
            "avc-bt709",
            "libx264",
            "-color_primaries",
            "bt709",
            "-color_trc",
            "bt709",
            "-colorspace",
            "bt709",
            "-g",
            "10");
    assertEquals(new ColourDescription(1, 1, 1), colourOf(dir));
    assertEquals("SDR", colourOf(dir).videoRange());
  }

  @Test
  void anythingUnreadableIsUnspecified() {
    assertEquals(ColourDescription.UNSPECIFIED, ColourDescription.of(null, null));
    assertEquals(
        ColourDescription.UNSPECIFIED,
        ColourDescription.of(org.openvod.engine.media.Codec.H265, new byte[] {1, 2, 3}));
  }

  private static Path encode(String name, String encoder, String... options) {
    Path dir = TestMedia.scratch("colour-" + name);
    List<String> args =
        new ArrayList<>(
            List.of(
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=160x90:rate=10",
                "-t",
                "1"));
    args.addAll(List.of("-c:v", encoder));
    args.addAll(List.of(options));
    args.addAll(List.of("-f", "hls", "-hls_playlist_type", "vod", "index.m3u8"));
    Tools.ffmpegOk(dir, args.toArray(String[]::new));
    return dir;
  }

  private static ColourDescription colourOf(Path dir) throws Exception {
    List<StreamInfo> video = new ArrayList<>();
    SourceDemuxers.forRootFile(new FileSourceLocator(dir), "index.m3u8")
        .run(
            new MediaHandler() {
              @Override
              public void onStreamInfo(StreamInfo info) {
                if (info.kind() == TrackKind.VIDEO) {
                  video.add(info);
                }
              }

              @Override
              public void onSample(Sample sample) {}

              @Override
              public void onEnd() {}
            },
            fraction -> {});
    return ColourDescription.of(video.get(0).codec(), video.get(0).decoderConfig());
  }
}
