package org.openvod.engine.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvod.engine.testing.TestMedia;

/**
 * Proves the harness before it judges the engine: ffmpeg's own HLS and DASH (the oracle) must play
 * in every player with forced switches, and manifests broken on purpose must fail, so a green
 * engine test means the player really played.
 */
@Tag("playback")
class HarnessValidationTest {

  @TempDir static Path dir;

  private static StaticFileServer server;
  private static CompletableFuture<PlayResult> hlsInHlsJs;
  private static CompletableFuture<PlayResult> hlsInShaka;
  private static CompletableFuture<PlayResult> dashInDashJs;
  private static CompletableFuture<PlayResult> dashInShaka;
  private static CompletableFuture<PlayResult> brokenHls;
  private static CompletableFuture<PlayResult> brokenDash;
  private static CompletableFuture<PlayResult> undecodableHls;
  private static CompletableFuture<PlayResult> mislabelledHls;
  private static CompletableFuture<PlayResult> truncatedHls;

  @BeforeAll
  static void playAll() throws IOException {
    PlaybackMedia.writeOracle(dir);
    writeBrokenManifests();
    writeZeroedSegments();
    writeTruncated();
    server = StaticFileServer.serve(dir);
    PlayerHarness players = PlayerHarness.installed();
    // The slowest play first (it waits out the switch timeout), so the others overlap it.
    mislabelledHls =
        players.playAsync(Player.HLS_JS, server.url("hls-ts/mislabelled.m3u8"), 4, true);
    hlsInHlsJs =
        players.playToEndAsync(Player.HLS_JS, server.url(PlaybackMedia.ORACLE_HLS), 4, true);
    truncatedHls =
        players.playToEndAsync(
            Player.HLS_JS, server.url("hls-truncated/" + TestMedia.MASTER), 4, false);
    hlsInShaka = players.playAsync(Player.SHAKA, server.url(PlaybackMedia.ORACLE_HLS), 4, true);
    dashInDashJs =
        players.playAsync(Player.DASH_JS, server.url(PlaybackMedia.ORACLE_DASH), 4, true);
    dashInShaka = players.playAsync(Player.SHAKA, server.url(PlaybackMedia.ORACLE_DASH), 4, true);
    brokenHls = players.playAsync(Player.HLS_JS, server.url("hls-ts/broken.m3u8"), 4, false);
    brokenDash = players.playAsync(Player.DASH_JS, server.url("ffmpeg-dash/broken.mpd"), 4, false);
    undecodableHls =
        players.playAsync(Player.HLS_JS, server.url("hls-zeroed/" + TestMedia.MASTER), 4, false);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void ffmpegHlsPlaysInHlsJsAndSwitchesBothWaysThenToTheEnd() {
    PlayResult result = hlsInHlsJs.join();
    Played.assertPlayedWithSwitchesToTheEnd(result, PlaybackMedia.HEIGHTS);
    // Media really came over HTTP from this server: segments of the lowest (v2/) and the
    // highest (v0/) variant were served (to this play or the others sharing the server).
    assertThat(server.requests()).anyMatch(r -> r.matches("GET /hls-ts/v2/seg_\\d+\\.ts 200"));
    assertThat(server.requests()).anyMatch(r -> r.matches("GET /hls-ts/v0/seg_\\d+\\.ts 200"));
  }

  @Test
  void ffmpegHlsPlaysInShakaAndSwitchesBothWays() {
    Played.assertPlayedWithSwitches(hlsInShaka.join(), PlaybackMedia.HEIGHTS);
  }

  @Test
  void ffmpegDashPlaysInDashJsAndSwitchesBothWays() {
    Played.assertPlayedWithSwitches(dashInDashJs.join(), PlaybackMedia.HEIGHTS);
  }

  @Test
  void ffmpegDashPlaysInShakaAndSwitchesBothWays() {
    Played.assertPlayedWithSwitches(dashInShaka.join(), PlaybackMedia.HEIGHTS);
  }

  @Test
  void hlsWithoutItsLastSegmentsDoesNotPlayToTheEnd() {
    PlayResult result = truncatedHls.join();
    assertThat(result.ok()).as(result.json()).isFalse();
    assertThat(result.ended()).as(result.json()).isNotEqualTo(Boolean.TRUE);
    assertThat(result.httpErrors()).as(result.json()).anyMatch(e -> e.startsWith("404 "));
  }

  @Test
  void hlsWithMissingMediaPlaylistsFails() {
    PlayResult result = brokenHls.join();
    assertThat(result.ok()).as(result.json()).isFalse();
    assertThat(result.currentTime()).as(result.json()).isLessThan(4);
    assertThat(result.httpErrors()).as(result.json()).anyMatch(e -> e.startsWith("404 "));
  }

  @Test
  void dashWithWrongSegmentTemplateFails() {
    PlayResult result = brokenDash.join();
    assertThat(result.ok()).as(result.json()).isFalse();
    assertThat(result.currentTime()).as(result.json()).isLessThan(4);
    assertThat(result.httpErrors()).as(result.json()).anyMatch(e -> e.startsWith("404 "));
  }

  @Test
  void hlsWhoseSegmentsCarryNoMediaFails() {
    PlayResult result = undecodableHls.join();
    assertThat(result.ok()).as(result.json()).isFalse();
    assertThat(result.currentTime()).as(result.json()).isLessThan(4);
    assertThat(result.httpErrors()).as("every file is served: %s", result.json()).isEmpty();
    assertThat(result.errors()).as(result.json()).isNotEmpty();
  }

  @Test
  void hlsWhoseVariantsAllCarryTheTopRenditionFailsTheForcedSwitch() {
    PlayResult result = mislabelledHls.join();
    assertThat(result.ok()).as(result.json()).isFalse();
    assertThat(result.switched()).as(result.json()).isFalse();
    assertThat(result.reason()).as(result.json()).startsWith("switch to 180p");
    assertThat(result.errors()).as(result.json()).isEmpty();
  }

  /** The oracle's manifests with their references broken: the players must report errors. */
  private static void writeBrokenManifests() throws IOException {
    String master = Files.readString(dir.resolve(PlaybackMedia.ORACLE_HLS));
    assertThat(master).contains("v0/index.m3u8", "v1/index.m3u8", "v2/index.m3u8");
    Files.writeString(
        dir.resolve("hls-ts/broken.m3u8"), master.replace("/index.m3u8", "/missing.m3u8"));
    // Every variant claims its own RESOLUTION but all point at the 640x360 media: the forced
    // switch to 180p can never show 180 lines, whatever the player says it selected.
    Files.writeString(
        dir.resolve("hls-ts/mislabelled.m3u8"),
        master.replace("v1/index.m3u8", "v0/index.m3u8").replace("v2/index.m3u8", "v0/index.m3u8"));
    String mpd = Files.readString(dir.resolve(PlaybackMedia.ORACLE_DASH));
    assertThat(mpd).contains("chunk-stream");
    Files.writeString(
        dir.resolve("ffmpeg-dash/broken.mpd"), mpd.replace("chunk-stream", "missing-stream"));
  }

  /**
   * A copy of the oracle HLS whose TS packets keep their headers (PAT, PMT and the first packets
   * stay intact) but carry zeros instead of media: served fine, but nothing to decode.
   */
  /** The oracle's HLS without the last segment of each variant: it cannot play to its end. */
  private static void writeTruncated() throws IOException {
    PlaybackMedia.copyTree(dir.resolve("hls-ts"), dir.resolve("hls-truncated"));
    List<Path> variants;
    try (Stream<Path> files = Files.list(dir.resolve("hls-truncated"))) {
      variants = files.filter(Files::isDirectory).toList();
    }
    assertThat(variants).isNotEmpty();
    for (Path variant : variants) {
      try (Stream<Path> files = Files.list(variant)) {
        Path last =
            files
                .filter(f -> f.toString().endsWith(".ts"))
                .max(Comparator.comparing(Path::toString))
                .orElseThrow();
        Files.delete(last);
      }
    }
  }

  private static void writeZeroedSegments() throws IOException {
    PlaybackMedia.copyTree(dir.resolve("hls-ts"), dir.resolve("hls-zeroed"));
    List<Path> segments;
    try (Stream<Path> files = Files.walk(dir.resolve("hls-zeroed"))) {
      segments = files.filter(f -> f.toString().endsWith(".ts")).toList();
    }
    assertThat(segments).isNotEmpty();
    for (Path segment : segments) {
      byte[] data = Files.readAllBytes(segment);
      for (int packet = 4 * 188; packet + 188 <= data.length; packet += 188) {
        Arrays.fill(data, packet + 4, packet + 188, (byte) 0);
      }
      Files.write(segment, data);
    }
  }
}
