package org.openvod.engine.source.smil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvod.engine.Packager;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.openvod.engine.testing.DirectorySink;
import org.openvod.engine.testing.Playlists;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;

/**
 * A .smil's {@code <textstream>} SRT becomes a WebVTT subtitle rendition of HLS-TS and CMAF (6 s
 * WebVTT segments); MSS packages the media without it (DASH: see DashSubtitlesTest).
 */
class SmilSubtitlesTest {

  static final String SRT =
      "1\r\n00:00:01,000 --> 00:00:03,000\r\nHello <font color=\"red\">there</font> & you\r\n\r\n"
          + "2\r\n00:00:05,500 --> 00:00:06,500\r\n<i>Across</i> the cut\r\n\r\n"
          + "3\r\n00:00:09,000 --> 00:00:11,000\r\nBye\r\n";

  @Test
  void srtBecomesWebVttRenditionsOfHlsAndCmaf() throws Exception {
    Path source = Mp4TestMedia.withSrt("srt-source", SRT);
    Path out = TestMedia.scratch("srt-out");
    List<OutputSpec> specs = new ArrayList<>();
    for (OutputFormat format : OutputFormat.values()) {
      specs.add(
          OutputSpec.of(
              format.name(),
              format,
              4,
              new DirectorySink(Files.createDirectories(out.resolve(format.name())))));
    }
    List<OutputResult> results =
        Packager.run(new FileSourceLocator(source), "subs.smil", specs, ProgressListener.NONE);
    for (OutputResult r : results) {
      assertTrue(r.succeeded(), r.outputId() + ": " + r.error());
    }
    // HLS-TS: the media's clock is shifted by 1.4 s (126000 ticks), and so is the WebVTT's map
    checkHls(out.resolve("HLS_TS"), 126000);
    // CMAF keeps media times: the map stays at 0
    checkHls(out.resolve("CMAF"), 0);

    // ffmpeg reads the subtitle playlist and its WebVTT (it does not load subtitle renditions
    // from a multivariant playlist)
    String uri =
        Playlists.attributes(
                Playlists.tags(TestMedia.read(out.resolve("HLS_TS/index.m3u8")), "#EXT-X-MEDIA:")
                    .get(0))
            .get("URI");
    Tools.Result cues =
        Tools.ffmpeg(out.resolve("HLS_TS"), "-v", "error", "-i", uri, "-f", "webvtt", "-");
    assertEquals(0, cues.exitCode(), cues.stderr());
    assertTrue(cues.stdout().contains("00:01.000 --> 00:03.000\nHello there & you"), cues.stdout());
    assertTrue(cues.stdout().contains("Bye"), cues.stdout());
  }

  private static void checkHls(Path dir, long mpegts) throws Exception {
    String master = TestMedia.read(dir.resolve("index.m3u8"));
    List<String> media =
        Playlists.tags(master, "#EXT-X-MEDIA:").stream()
            .filter(l -> l.contains("TYPE=SUBTITLES"))
            .toList();
    assertEquals(1, media.size(), master);
    Map<String, String> attributes = Playlists.attributes(media.get(0));
    assertEquals("English", attributes.get("NAME"));
    assertEquals("eng", attributes.get("LANGUAGE"));
    String group = attributes.get("GROUP-ID");
    for (String variant : Playlists.tags(master, "#EXT-X-STREAM-INF:")) {
      assertEquals(group, Playlists.attributes(variant).get("SUBTITLES"), variant);
    }
    Path playlist = dir.resolve(attributes.get("URI"));
    List<String> segments = new ArrayList<>();
    List<String> durations = new ArrayList<>();
    for (String line : TestMedia.read(playlist).split("\n")) {
      if (line.startsWith("#EXTINF:")) {
        durations.add(line.substring(8, line.indexOf(',')));
      } else if (!line.startsWith("#") && !line.isBlank()) {
        segments.add(line);
      }
    }
    assertEquals(2, segments.size(), "12 s in 6 s WebVTT segments");
    assertEquals(6.0, Double.parseDouble(durations.get(0)), 1e-9);
    assertEquals(6.0, Double.parseDouble(durations.get(1)), 0.1);
    String first = TestMedia.read(playlist.getParent().resolve(segments.get(0)));
    String second = TestMedia.read(playlist.getParent().resolve(segments.get(1)));
    String map = "X-TIMESTAMP-MAP=MPEGTS:" + mpegts + ",LOCAL:00:00:00.000";
    assertTrue(first.startsWith("WEBVTT\n" + map + "\n"), first);
    assertTrue(second.startsWith("WEBVTT\n" + map + "\n"), second);
    assertTrue(first.contains("00:00:01.000 --> 00:00:03.000\nHello there &amp; you\n"), first);
    // a cue over the 6 s boundary is in both segments
    assertTrue(first.contains("00:00:05.500 --> 00:00:06.500\n<i>Across</i> the cut\n"), first);
    assertTrue(second.contains("00:00:05.500 --> 00:00:06.500\n"), second);
    assertTrue(second.contains("00:00:09.000 --> 00:00:11.000\nBye\n"), second);
  }

  @Test
  void aBrokenSrtRefusesTheSourceNamingTheFile() throws Exception {
    Path source = Mp4TestMedia.withSrt("srt-broken", "1\n00:00:01 --> 00:00:02\nno milliseconds\n");
    Path out = TestMedia.scratch("srt-broken-out");
    PackagingException e =
        assertThrows(
            PackagingException.class,
            () ->
                Packager.run(
                    new FileSourceLocator(source),
                    "subs.smil",
                    List.of(OutputSpec.of("hls", OutputFormat.HLS_TS, 4, new DirectorySink(out))),
                    ProgressListener.NONE));
    assertEquals(PackagingException.Reason.MALFORMED_SOURCE, e.reason());
    assertTrue(
        e.getMessage().contains("subs_eng.srt") && e.getMessage().contains("line 1"),
        e.getMessage());
  }
}
