package org.openvod.engine.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.openvod.engine.Packager;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;

/**
 * Issue 4, "every output must play in real players": packages an HLS-TS source and an MP4+SMIL
 * source with the engine into every format (one pass per source, as the worker runs it), then plays
 * each output in the players that matter for it, with forced switches to the lowest and the highest
 * rendition, then a seek to 3 s before the end, from where it must play to the end.
 *
 * <p>A format or source the engine does not produce yet ("not available yet") is reported as
 * skipped with the engine's own words, never as passed; any other packaging error fails.
 */
@Tag("playback")
class EnginePlaybackTest {

  /** One output of the pass and the players it must play in. */
  private record OutputCase(
      String id,
      OutputFormat format,
      boolean audioRenditionGroup,
      String segmentTemplateFormat,
      List<Player> players) {

    OutputCase(String id, OutputFormat format, List<Player> players) {
      this(id, format, false, "NUMBER_WITH_TIMELINE", players);
    }
  }

  /**
   * Every format in the players that matter for it, plus the options that change what players
   * parse: HLS-TS with an audio rendition group, and the other two DASH segment templates (players
   * compute segment numbers and times from them). Shaka Player 5 has no Smooth Streaming parser
   * (Shaka Error 4000), so MSS plays in dash.js with its MSS plugin and in Shaka Player 4.16.
   */
  private static final List<OutputCase> OUTPUTS =
      List.of(
          new OutputCase("hls_ts", OutputFormat.HLS_TS, List.of(Player.HLS_JS, Player.SHAKA)),
          new OutputCase(
              "hls_ts_audio_group",
              OutputFormat.HLS_TS,
              true,
              "NUMBER_WITH_TIMELINE",
              List.of(Player.HLS_JS, Player.SHAKA)),
          new OutputCase("cmaf", OutputFormat.CMAF, List.of(Player.HLS_JS, Player.SHAKA)),
          new OutputCase("dash", OutputFormat.DASH, List.of(Player.DASH_JS, Player.SHAKA)),
          new OutputCase(
              "dash_time_timeline",
              OutputFormat.DASH,
              false,
              "TIME_WITH_TIMELINE",
              List.of(Player.DASH_JS)),
          new OutputCase(
              "dash_number_duration",
              OutputFormat.DASH,
              false,
              "NUMBER_WITH_DURATION",
              List.of(Player.DASH_JS)),
          new OutputCase("mss", OutputFormat.MSS, List.of(Player.DASH_JS, Player.SHAKA_4)));

  /** How the engine says a format or source is still missing (then the test is skipped). */
  private static final Pattern NOT_YET =
      Pattern.compile("not (yet )?available|not implemented|being built|not supported yet");

  private enum Source {
    HLS_TS("HLS-TS source"),
    MP4_SMIL("MP4+SMIL source");

    final String label;

    Source(String label) {
      this.label = label;
    }

    Path rootFile() {
      return this == HLS_TS ? PlaybackMedia.hlsTsSource() : PlaybackMedia.smilSource();
    }
  }

  /** One packaging pass: a result per output (in {@link #OUTPUTS} order), or why it failed. */
  private record Pass(List<OutputResult> results, String error) {}

  @TempDir static Path dir;

  private static StaticFileServer server;

  @BeforeAll
  static void serveOutputs() {
    server = StaticFileServer.serve(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyOutputPlaysInRealPlayers() {
    PlayerHarness players = PlayerHarness.installed();
    List<DynamicTest> tests = new ArrayList<>();
    for (Source source : Source.values()) {
      Pass pass = packageAll(source);
      for (int i = 0; i < OUTPUTS.size(); i++) {
        OutputCase output = OUTPUTS.get(i);
        String what = output.id() + " from " + source.label;
        String problem = pass.error() != null ? pass.error() : pass.results().get(i).error();
        for (Player player : output.players()) {
          String name = what + " plays in " + player;
          if (problem != null) {
            tests.add(DynamicTest.dynamicTest(name, () -> notProduced(what, problem)));
            continue;
          }
          String manifest =
              outputFolder(source, output) + "/" + pass.results().get(i).manifestPaths().get(0);
          // Started now, so plays overlap on the harness's pool while earlier tests report.
          CompletableFuture<PlayResult> play =
              players.playToEndAsync(player, server.url(manifest), 4, true);
          tests.add(
              DynamicTest.dynamicTest(
                  name,
                  () ->
                      Played.assertPlayedWithSwitchesToTheEnd(play.join(), PlaybackMedia.HEIGHTS)));
          if (player == Player.SHAKA_4 && source == Source.HLS_TS) {
            tests.add(withoutFragmentsFails(players, manifest));
          }
        }
      }
    }
    return tests.stream();
  }

  /**
   * Shaka Player 4 is in the harness for MSS alone, and MSS has no oracle (ffmpeg's own MSS does
   * not play): the same Manifest served where none of its fragments are must fail in it, so a pass
   * above means Shaka 4 really played the fragments.
   */
  private static DynamicTest withoutFragmentsFails(PlayerHarness players, String manifest) {
    Path copy = dir.resolve("out/mss-without-fragments/index.ism/Manifest");
    try {
      Files.createDirectories(copy.getParent());
      Files.copy(dir.resolve(manifest), copy, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CompletableFuture<PlayResult> play =
        players.playAsync(
            Player.SHAKA_4, server.url("out/mss-without-fragments/index.ism/Manifest"), 4, false);
    return DynamicTest.dynamicTest(
        "an MSS Manifest without its fragments fails in " + Player.SHAKA_4,
        () -> {
          PlayResult result = play.join();
          assertThat(result.ok()).as(result.json()).isFalse();
          assertThat(result.currentTime()).as(result.json()).isLessThan(4);
          assertThat(result.httpErrors()).as(result.json()).anyMatch(e -> e.startsWith("404 "));
        });
  }

  private static void notProduced(String what, String problem) {
    if (NOT_YET.matcher(problem.toLowerCase(Locale.ROOT)).find()) {
      Assumptions.abort("engine does not produce " + what + " yet: " + problem);
    }
    fail("engine failed to package " + what + ": " + problem);
  }

  /** One engine pass over {@code source} with every output of {@link #OUTPUTS}. */
  private static Pass packageAll(Source source) {
    List<OutputSpec> specs = new ArrayList<>();
    for (OutputCase output : OUTPUTS) {
      specs.add(
          OutputSpec.of(
                  output.id(),
                  output.format(),
                  4,
                  new FolderOutputSink(dir.resolve(outputFolder(source, output))))
              .withAudioRenditionGroup(output.audioRenditionGroup())
              .withSegmentTemplateFormat(output.segmentTemplateFormat()));
    }
    Path rootFile = source.rootFile();
    long started = System.nanoTime();
    try {
      List<OutputResult> results =
          Packager.run(
              new FileSourceLocator(rootFile.getParent()),
              rootFile.getFileName().toString(),
              specs,
              ProgressListener.NONE);
      return new Pass(results, null);
    } catch (PackagingException | IOException e) {
      return new Pass(List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      System.out.printf(
          "[playback] packaged %s in %d ms%n",
          source.label, (System.nanoTime() - started) / 1_000_000);
    }
  }

  private static String outputFolder(Source source, OutputCase output) {
    return "out/" + source.name().toLowerCase(Locale.ROOT) + "/" + output.id();
  }
}
