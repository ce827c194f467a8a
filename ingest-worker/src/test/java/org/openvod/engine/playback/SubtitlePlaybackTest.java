package org.openvod.engine.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvod.engine.Packager;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.source.mp4.Mp4TestMedia;

/**
 * A SMIL's SRT subtitles, packaged as DASH (TTML in MP4), show in dash.js and Shaka Player: each
 * player offers the text track (English, stpp) and puts every cue on the video element with its
 * text and its times. 2 s segments, so every cue crosses a segment cut: the players get the two
 * clipped halves (Shaka keeps both, dash.js joins them), which together span the SRT's times.
 */
@Tag("playback")
class SubtitlePlaybackTest {

  /** An SRT cue as the player must show it: seconds from the presentation's start. */
  private record Cue(double start, double end, String text) {}

  private static final String SRT =
      "1\n00:00:01,000 --> 00:00:03,000\nHello <b>there</b> & you\nsecond line\n\n"
          + "2\n00:00:05,500 --> 00:00:06,500\n<i>Across</i> the cut\n\n"
          + "3\n00:00:09,000 --> 00:00:11,000\nBye\n";

  private static final List<Cue> EXPECTED =
      List.of(
          new Cue(1, 3, "Hello there & you\nsecond line"),
          new Cue(5.5, 6.5, "Across the cut"),
          new Cue(9, 11, "Bye"));

  @TempDir static Path dir;
  private static StaticFileServer server;
  private static String manifest;

  @BeforeAll
  static void packageAndServe() throws Exception {
    Path source = Mp4TestMedia.withSrt("srt-playback", SRT);
    OutputSpec spec =
        OutputSpec.of("dash", OutputFormat.DASH, 2, new FolderOutputSink(dir.resolve("out/dash")));
    OutputResult result =
        Packager.run(
                new FileSourceLocator(source), "subs.smil", List.of(spec), ProgressListener.NONE)
            .get(0);
    assertThat(result.succeeded()).as(String.valueOf(result.error())).isTrue();
    manifest = "out/dash/" + result.manifestPaths().get(0);
    server = StaticFileServer.serve(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void dashSubtitlesShowInDashJsAndShaka() {
    PlayerHarness players = PlayerHarness.installed();
    List<CompletableFuture<PlayResult>> plays = new ArrayList<>();
    for (Player player : List.of(Player.DASH_JS, Player.SHAKA)) {
      plays.add(players.playAsync(player, server.url(manifest), 11, false, Map.of(), true));
    }
    for (CompletableFuture<PlayResult> play : plays) {
      PlayResult result = play.join();
      assertThat(result.ok()).as("not ok (%s): %s", result.reason(), result.json()).isTrue();
      Map<?, ?> json = (Map<?, ?>) MiniJson.parse(result.json());
      List<?> tracks = (List<?>) json.get("textTracks");
      assertThat(tracks).as(result.json()).hasSize(1);
      Map<?, ?> track = (Map<?, ?>) tracks.get(0);
      assertThat(track.get("language")).as(result.json()).isIn("eng", "en");
      assertThat(String.valueOf(track.get("codecs"))).as(result.json()).contains("stpp");
      List<Cue> shown = joined((List<?>) json.get("cues"));
      assertThat(shown).as("cues of %s: %s", result.player(), result.json()).hasSize(3);
      for (int i = 0; i < EXPECTED.size(); i++) {
        Cue expected = EXPECTED.get(i);
        Cue actual = shown.get(i);
        assertThat(actual.text()).as(result.json()).isEqualTo(expected.text());
        assertThat(actual.start()).as(result.json()).isCloseTo(expected.start(), within());
        assertThat(actual.end()).as(result.json()).isCloseTo(expected.end(), within());
      }
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.0015);
  }

  /** The player's cues with the pieces of one cue (same text, touching or overlapping) joined. */
  private static List<Cue> joined(List<?> cues) {
    List<Cue> all = new ArrayList<>();
    for (Object o : cues) {
      Map<?, ?> c = (Map<?, ?>) o;
      all.add(
          new Cue(
              (Double) c.get("start"),
              (Double) c.get("end"),
              String.valueOf(c.get("text")).strip()));
    }
    all.sort(Comparator.comparingDouble(Cue::start));
    List<Cue> out = new ArrayList<>();
    for (Cue c : all) {
      Cue last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.text().equals(c.text()) && c.start() <= last.end() + 0.002) {
        out.set(out.size() - 1, new Cue(last.start(), Math.max(last.end(), c.end()), c.text()));
      } else {
        out.add(c);
      }
    }
    return out;
  }
}
