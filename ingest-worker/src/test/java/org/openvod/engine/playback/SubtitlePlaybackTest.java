package org.openvod.engine.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
 * clipped halves (Shaka keeps both, dash.js joins them), which together span the SRT's times. The
 * same SRT as Smooth Streaming (a TTML text stream) shows in dash.js the same way.
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
  private static String smoothManifest;

  @BeforeAll
  static void packageAndServe() throws Exception {
    Path source = Mp4TestMedia.withSrt("srt-playback", SRT);
    OutputSpec spec =
        OutputSpec.of("dash", OutputFormat.DASH, 2, new FolderOutputSink(dir.resolve("out/dash")));
    OutputSpec smooth =
        OutputSpec.of("mss", OutputFormat.MSS, 2, new FolderOutputSink(dir.resolve("out/mss")));
    List<OutputResult> results =
        Packager.run(
            new FileSourceLocator(source),
            "subs.smil",
            List.of(spec, smooth),
            ProgressListener.NONE);
    for (OutputResult result : results) {
      assertThat(result.succeeded()).as(String.valueOf(result.error())).isTrue();
    }
    manifest = "out/dash/" + results.get(0).manifestPaths().get(0);
    smoothManifest = "out/mss/" + results.get(1).manifestPaths().get(0);
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
      assertShowsTheSrtCues(play.join());
    }
  }

  /**
   * dash.js shows the Smooth text stream's cues at the SRT's times: it adds each fragment's time to
   * the TTML's (its {@code ttmlTimeIsRelative} for MSS), which count from the fragment's start.
   *
   * <p>Shaka Player 4.16 cannot show Smooth text at all: its MSS parser builds each stream's init
   * segment itself (Mp4Generator), and writes no sample entry for a text stream, so its MP4 TTML
   * parser, which needs an 'stpp' entry in the init segment, stops playback with the critical Shaka
   * Error 2007 (INVALID_MP4_TTML) as soon as the text is turned on, whatever the fragments hold.
   * With the text off (the stream's Subtype SUBT makes it an "alternate" track, which Shaka does
   * not turn on by itself), Shaka 4 plays the same output.
   */
  @Test
  void smoothSubtitlesShowInDashJsAndLeaveShaka4Playing() {
    PlayerHarness players = PlayerHarness.installed();
    URI url = server.url(smoothManifest);
    CompletableFuture<PlayResult> dashJs =
        players.playAsync(Player.DASH_JS, url, 11, false, Map.of(), true);
    CompletableFuture<PlayResult> shakaTextOff = players.playAsync(Player.SHAKA_4, url, 4, false);
    CompletableFuture<PlayResult> shakaTextOn =
        players.playAsync(Player.SHAKA_4, url, 4, false, Map.of(), true);
    assertShowsTheSrtCues(dashJs.join());
    PlayResult off = shakaTextOff.join();
    assertThat(off.ok()).as("not ok (%s): %s", off.reason(), off.json()).isTrue();
    PlayResult on = shakaTextOn.join();
    assertThat(on.ok()).as(on.json()).isFalse();
    assertThat(on.json()).as(on.json()).contains("\"code\":2007");
  }

  /** The player offered one English stpp text track and showed the SRT's cues at their times. */
  private static void assertShowsTheSrtCues(PlayResult result) {
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
