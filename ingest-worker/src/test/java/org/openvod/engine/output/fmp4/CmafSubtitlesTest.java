package org.openvod.engine.output.fmp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.Packager;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.testing.DirectorySink;
import org.openvod.engine.testing.Playlists;
import org.openvod.engine.testing.TestMedia;

/** An HLS source's WebVTT rendition becomes a CMAF subtitle rendition, segments unchanged. */
class CmafSubtitlesTest {

  @Test
  void webVttSegmentsPassThroughIntoCmaf() throws Exception {
    Path source = TestMedia.withSubtitles();
    Path out = TestMedia.scratch("cmaf-subtitles");
    OutputSpec spec = OutputSpec.of("cmaf", OutputFormat.CMAF, 4, new DirectorySink(out));
    OutputResult result =
        Packager.run(
                new FileSourceLocator(source),
                TestMedia.MASTER,
                List.of(spec),
                ProgressListener.NONE)
            .get(0);
    assertTrue(result.succeeded(), result.error());
    String master = TestMedia.read(out.resolve("index.m3u8"));
    List<String> subtitles =
        Playlists.tags(master, "#EXT-X-MEDIA:").stream()
            .filter(l -> l.contains("TYPE=SUBTITLES"))
            .toList();
    assertEquals(1, subtitles.size(), master);
    assertEquals("en", Playlists.attributes(subtitles.get(0)).get("LANGUAGE"));
    for (String variant : Playlists.tags(master, "#EXT-X-STREAM-INF:")) {
      assertEquals("subs", Playlists.attributes(variant).get("SUBTITLES"));
    }
    Path playlist = out.resolve(Playlists.attributes(subtitles.get(0)).get("URI"));
    List<Path> written = new ArrayList<>();
    for (String line : TestMedia.read(playlist).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        written.add(playlist.getParent().resolve(line));
      }
    }
    List<Path> sourceSegments = new ArrayList<>();
    Path sourcePlaylist;
    try (var files = Files.list(source.resolve("v0"))) {
      sourcePlaylist =
          files
              .filter(p -> p.toString().endsWith("_vtt.m3u8"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no source subtitle playlist"));
    }
    for (String line : TestMedia.read(sourcePlaylist).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        sourceSegments.add(sourcePlaylist.getParent().resolve(line));
      }
    }
    assertEquals(sourceSegments.size(), written.size());
    for (int i = 0; i < written.size(); i++) {
      assertArrayEquals(
          Files.readAllBytes(sourceSegments.get(i)), Files.readAllBytes(written.get(i)));
    }
  }
}
