package org.openvod.engine.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.openvod.engine.Packager;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.testing.AdMarkerMedia;

/**
 * Outputs of a source with an SCTE-35 ad break play in real players: DASH with periodTriggers ADS
 * (three Periods: before, during and after the break) in dash.js and Shaka to the last Period, and
 * with forced rendition switches in Shaka; HLS-TS with SCTE35_ENHANCED cue tags in hls.js and Shaka
 * with switches.
 */
@Tag("playback")
class AdMarkerPlaybackTest {

  @TempDir static Path dir;

  private static StaticFileServer server;

  @BeforeAll
  static void serve() {
    server = StaticFileServer.serve(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> adBreakOutputsPlay() throws Exception {
    AdMarkerMedia.Source source = AdMarkerMedia.threeRenditionsWithBreak("scte35-playback");
    ManifestSpec enhanced =
        new ManifestSpec(
            "index",
            false,
            0,
            "SCTE35_ENHANCED",
            0,
            Integer.MAX_VALUE,
            "ORIGINAL",
            "FULL",
            0,
            "NONE");
    List<OutputSpec> specs = new ArrayList<>();
    for (OutputFormat format : List.of(OutputFormat.HLS_TS, OutputFormat.DASH)) {
      specs.add(
          OutputSpec.of(format.name(), format, 4, new FolderOutputSink(dir.resolve(format.name())))
              .withManifests(List.of(enhanced))
              .withPeriodTriggers(List.of(OutputSpec.PERIOD_TRIGGER_ADS)));
    }
    List<OutputResult> results =
        Packager.run(
            new FileSourceLocator(source.dir()), "master.m3u8", specs, ProgressListener.NONE);
    for (OutputResult r : results) {
      assertThat(r.error()).as(r.outputId()).isNull();
    }
    PlayerHarness players = PlayerHarness.installed();
    List<DynamicTest> tests = new ArrayList<>();
    // across both Period boundaries (4 s and 10 s) to the end (12 s)
    for (Player player : List.of(Player.DASH_JS, Player.SHAKA)) {
      CompletableFuture<PlayResult> play =
          players.playAsync(player, server.url("DASH/index.mpd"), 11.5, false);
      tests.add(
          DynamicTest.dynamicTest(
              "multi-period DASH plays through its Periods in " + player,
              () -> {
                PlayResult result = play.join();
                assertThat(result.errors()).as(result.json()).isEmpty();
                assertThat(result.httpErrors()).as(result.json()).isEmpty();
                assertThat(result.ok()).as("%s: %s", result.reason(), result.json()).isTrue();
                assertThat(result.currentTime()).as(result.json()).isGreaterThanOrEqualTo(11.5);
                assertThat(result.audioDecodedBytes()).as(result.json()).isPositive();
              }));
    }
    addSwitching(tests, players, Player.SHAKA, "DASH/index.mpd");
    // CMAF writes the same tags through the same code (HlsAdTags); HLS-TS stands for both here
    addSwitching(tests, players, Player.HLS_JS, "HLS_TS/index.m3u8");
    addSwitching(tests, players, Player.SHAKA, "HLS_TS/index.m3u8");
    return tests.stream();
  }

  private static void addSwitching(
      List<DynamicTest> tests, PlayerHarness players, Player player, String manifest) {
    CompletableFuture<PlayResult> play = players.playAsync(player, server.url(manifest), 4, true);
    tests.add(
        DynamicTest.dynamicTest(
            manifest + " with an ad break plays with switches in " + player,
            () -> Played.assertPlayedWithSwitches(play.join(), PlaybackMedia.HEIGHTS)));
  }
}
