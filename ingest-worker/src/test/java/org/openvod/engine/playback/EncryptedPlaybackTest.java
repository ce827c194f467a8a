package org.openvod.engine.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvod.engine.encrypt.ContentKey;
import org.openvod.engine.encrypt.DrmSignal;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.encrypt.KeyAssignment;
import org.openvod.engine.encrypt.ProtectionKey;
import org.openvod.engine.encrypt.TestKeys;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.testing.OnePass;

/**
 * Encrypted fMP4 outputs in real players with W3C Clear Key in headless Chromium:
 *
 * <ul>
 *   <li>cenc DASH (with a trick-play set) in Shaka Player ({@code drm.clearKeys}) and dash.js
 *       (protection data): plays with forced switches; with a wrong key Shaka does not play, so the
 *       player really decrypts.
 *   <li>cbcs CMAF (HLS fMP4) in Shaka Player (EXT-X-KEY METHOD=SAMPLE-AES, KEYFORMAT="identity",
 *       the key fetched from its URI) and in hls.js (KEYFORMAT="org.w3.clearkey", the key from the
 *       harness's license answer; Chromium's Clear Key CDM takes only the W3C common-system pssh as
 *       init data, so the init segments carry one). This Chromium's Clear Key decrypts cbcs.
 * </ul>
 */
@Tag("playback")
class EncryptedPlaybackTest {

  @TempDir static Path dir;

  private static StaticFileServer server;

  @BeforeAll
  static void packageEncrypted() throws Exception {
    server = StaticFileServer.serve(dir);
    ContentKey key = TestKeys.HD;
    Files.createDirectories(dir.resolve("keys"));
    Files.write(dir.resolve("keys/hd.key"), key.key());
    DrmSignal identity =
        new DrmSignal(
            TestKeys.CLEAR_KEY,
            null,
            null,
            server.url("keys/hd.key").toString(),
            "identity",
            null,
            null);
    ProtectionKey dashKey = TestKeys.withSignals(key);
    // one EXT-X-KEY each: with both, hls.js picks "identity", which it cannot do for fMP4
    ProtectionKey shakaKey = new ProtectionKey(key, List.of(identity));
    ProtectionKey hlsJsKey =
        new ProtectionKey(key, List.of(TestKeys.clearKey(key), TestKeys.commonPssh(key)));
    Path root = PlaybackMedia.smilSource();
    OnePass.packageAll(
        root.getParent(),
        root.getFileName().toString(),
        List.of(
            spec(
                "dash",
                OutputFormat.DASH,
                new EncryptionSpec(EncryptionMode.CENC, KeyAssignment.single(dashKey), null)),
            spec(
                "cmaf",
                OutputFormat.CMAF,
                new EncryptionSpec(EncryptionMode.CBCS, KeyAssignment.single(shakaKey), null)),
            spec(
                "cmaf_clearkey",
                OutputFormat.CMAF,
                new EncryptionSpec(EncryptionMode.CBCS, KeyAssignment.single(hlsJsKey), null))));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static OutputSpec spec(String id, OutputFormat format, EncryptionSpec encryption) {
    return OutputSpec.of(id, format, 4, new FolderOutputSink(dir.resolve(id)))
        .withDashIframeOnlyStream(format == OutputFormat.DASH)
        .withEncryption(encryption);
  }

  private static Map<String, String> keys(ContentKey key) {
    return Map.of(TestKeys.hex(key.keyId()), TestKeys.hex(key.key()));
  }

  @Test
  void cencDashPlaysInShakaAndDashJsWithClearKeyAndNotWithAWrongKey() {
    PlayerHarness players = PlayerHarness.installed();
    CompletableFuture<PlayResult> right =
        players.playAsync(Player.SHAKA, server.url("dash/index.mpd"), 4, true, keys(TestKeys.HD));
    ContentKey wrong =
        new ContentKey(TestKeys.HD.keyId(), TestKeys.SD.key(), null); // the right KID, a wrong key
    CompletableFuture<PlayResult> dashJs =
        players.playAsync(Player.DASH_JS, server.url("dash/index.mpd"), 4, true, keys(TestKeys.HD));
    CompletableFuture<PlayResult> wrongKey =
        players.playAsync(Player.SHAKA, server.url("dash/index.mpd"), 2, false, keys(wrong));
    Played.assertPlayedWithSwitches(right.join(), PlaybackMedia.HEIGHTS);
    Played.assertPlayedWithSwitches(dashJs.join(), PlaybackMedia.HEIGHTS);
    PlayResult failed = wrongKey.join();
    assertThat(failed.ok()).as("played with a wrong key: %s", failed.json()).isFalse();
    assertThat(failed.decodedFrames()).as(failed.json()).isZero();
  }

  @Test
  void cbcsCmafPlaysInShakaWithTheKeyFromItsUriAndInHlsJsWithClearKey() {
    PlayerHarness players = PlayerHarness.installed();
    CompletableFuture<PlayResult> shaka =
        players.playAsync(Player.SHAKA, server.url("cmaf/index.m3u8"), 4, true, Map.of());
    CompletableFuture<PlayResult> hlsjs =
        players.playAsync(
            Player.HLS_JS, server.url("cmaf_clearkey/index.m3u8"), 4, true, keys(TestKeys.HD));
    Played.assertPlayedWithSwitches(shaka.join(), PlaybackMedia.HEIGHTS);
    Played.assertPlayedWithSwitches(hlsjs.join(), PlaybackMedia.HEIGHTS);
  }
}
