package org.openvod.engine.source.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.Packager;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.Sample;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.testing.DirectorySink;
import org.openvod.engine.testing.Recorder;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;

/** Playlist grammar and TS corner cases. */
class HlsSourceEdgesTest {

  @Test
  void timestampsRunOnAcrossThe33BitWrap() throws Exception {
    Path source = TestMedia.timestampWrap();
    Recorder recorder = new Recorder();
    new HlsDemuxer(new FileSourceLocator(source), "index.m3u8")
        .run(recorder, ProgressListener.NONE);
    List<Sample> video = recorder.samples(1);
    assertEquals(360, video.size());
    for (int i = 1; i < video.size(); i++) {
      assertEquals(3000, video.get(i).dts() - video.get(i - 1).dts(), "dts step at " + i);
    }
    assertTrue(video.get(0).dts() < (1L << 33) && video.get(359).dts() > (1L << 33));

    DirectorySink sink = new DirectorySink(TestMedia.scratch("wrap"));
    List<OutputResult> results =
        Packager.run(
            new FileSourceLocator(source),
            "index.m3u8",
            List.of(OutputSpec.of("wrap", OutputFormat.HLS_TS, 6, sink)),
            ProgressListener.NONE);
    assertTrue(results.get(0).succeeded(), results.get(0).error());
    Tools.Result read = Tools.readBack(sink.root(), "index.m3u8");
    assertEquals(0, read.exitCode(), read.stderr());
    assertTrue(
        Tools.segmentPackets(source, "index.m3u8").stream()
            .filter(p -> p.streamIndex() == 0)
            .toList()
            .equals(
                Tools.segmentPackets(sink.root(), "index_v0.m3u8").stream()
                    .filter(p -> p.streamIndex() == 0)
                    .toList()),
        "video times differ from the source across the wrap");
  }

  /**
   * Damaged payload bytes (the TS framing left intact) either still package or are refused with a
   * PackagingException; nothing else escapes.
   */
  @Test
  void damagedPayloadsFailCleanly() throws Exception {
    Path base = TestMedia.threeRenditions();
    java.util.Random random = new java.util.Random(42);
    for (int round = 0; round < 12; round++) {
      Path copy = TestMedia.scratch("damaged-" + round);
      Path src = copy.resolve("src");
      java.nio.file.Files.createDirectories(src.resolve("v2"));
      java.nio.file.Files.copy(base.resolve("v2/index.m3u8"), src.resolve("v2/index.m3u8"));
      for (int i = 0; i < 3; i++) {
        String name = String.format("v2/seg_%03d.ts", i);
        byte[] data = java.nio.file.Files.readAllBytes(base.resolve(name));
        for (int k = 0; k < 40; k++) {
          int packet = random.nextInt(data.length / 188);
          int at = packet * 188 + 4 + random.nextInt(184);
          data[at] = (byte) random.nextInt(256);
        }
        java.nio.file.Files.write(src.resolve(name), data);
      }
      DirectorySink sink = new DirectorySink(copy.resolve("out"));
      try {
        Packager.run(
            new FileSourceLocator(src),
            "v2/index.m3u8",
            List.of(OutputSpec.of("d", OutputFormat.HLS_TS, 6, sink)),
            ProgressListener.NONE);
      } catch (PackagingException expected) {
        assertTrue(expected.getMessage().contains("v2/"), expected.getMessage());
      }
    }
  }

  @Test
  void mediaPlaylistGrammar() throws Exception {
    String text =
        String.join(
            "\n",
            "#EXTM3U",
            "#EXT-X-VERSION:4",
            "#EXT-X-TARGETDURATION:4",
            "#EXT-X-PLAYLIST-TYPE:VOD",
            "#EXT-X-KEY:METHOD=NONE",
            "#EXTINF:4.004,first",
            "#EXT-X-BYTERANGE:1000@376",
            "../media/all.ts",
            "#EXTINF:3.5,",
            "#EXT-X-BYTERANGE:2000",
            "../media/all.ts",
            "#EXTINF:1,",
            "sub%20dir/last.ts?token=1",
            "#EXT-X-ENDLIST",
            "");
    MediaPlaylist playlist = PlaylistParser.parseMedia("a/v0/index.m3u8", text);
    assertEquals(
        List.of(
            new MediaSegment("a/media/all.ts", 4.004, 376, 1000),
            new MediaSegment("a/media/all.ts", 3.5, 1376, 2000),
            new MediaSegment("a/v0/sub dir/last.ts", 1, 0, -1)),
        playlist.segments());
  }

  @Test
  void multivariantGrammar() throws Exception {
    String text =
        String.join(
            "\n",
            "#EXTM3U",
            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aac\",NAME=\"Deutsch, Stereo\",LANGUAGE=\"de\","
                + "DEFAULT=NO,URI=\"audio/de.m3u8\"",
            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aac\",NAME=\"Main\",LANGUAGE=\"en\",DEFAULT=YES",
            "#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS=\"avc1.4d401e,mp4a.40.2\",AUDIO=\"aac\"",
            "hi/index.m3u8",
            "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI=\"hi/iframes.m3u8\"",
            "");
    MultivariantPlaylist root = PlaylistParser.parseMultivariant("src/master.m3u8", text);
    assertEquals(List.of(new Variant("src/hi/index.m3u8", 800000, "aac")), root.variants());
    assertEquals(
        List.of(
            new AudioRendition("aac", "src/audio/de.m3u8", "de", "Deutsch, Stereo", false),
            new AudioRendition("aac", null, "en", "Main", true)),
        root.audio());
  }

  @Test
  void refusesUrisOutsideTheSource() {
    PackagingException up =
        assertThrows(
            PackagingException.class, () -> PlaylistParser.resolve("index.m3u8", "../x.ts"));
    assertEquals(PackagingException.Reason.MALFORMED_SOURCE, up.reason());
    PackagingException absolute =
        assertThrows(
            PackagingException.class,
            () -> PlaylistParser.resolve("index.m3u8", "https://cdn.example.com/x.ts"));
    assertEquals(PackagingException.Reason.UNSUPPORTED_CONTENT, absolute.reason());
  }

  @Test
  void refusesFmp4AndDiscontinuitiesAndEmptyPlaylists() {
    String map = "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4,\na.m4s\n#EXT-X-ENDLIST\n";
    assertEquals(
        PackagingException.Reason.UNSUPPORTED_CONTENT,
        assertThrows(PackagingException.class, () -> PlaylistParser.parseMedia("p.m3u8", map))
            .reason());
    String empty = "#EXTM3U\n#EXT-X-ENDLIST\n";
    assertEquals(
        PackagingException.Reason.MALFORMED_SOURCE,
        assertThrows(PackagingException.class, () -> PlaylistParser.parseMedia("p.m3u8", empty))
            .reason());
    String notHls = "<html>";
    assertEquals(
        PackagingException.Reason.MALFORMED_SOURCE,
        assertThrows(PackagingException.class, () -> PlaylistParser.parseMedia("p.m3u8", notHls))
            .reason());
  }
}
