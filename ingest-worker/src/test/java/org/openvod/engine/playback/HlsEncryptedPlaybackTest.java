package org.openvod.engine.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvod.engine.encrypt.ContentKey;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.encrypt.KeyAssignment;
import org.openvod.engine.encrypt.ProtectionKey;
import org.openvod.engine.encrypt.TestKeys;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.testing.OnePass;

/**
 * Encrypted HLS-TS in hls.js in headless Chromium, the key fetched from the URI in EXT-X-KEY (the
 * static server here, as the local key server does in production): AES-128 with a rotating IV in
 * hls.js and Shaka Player, SAMPLE-AES with a rotating IV in hls.js (which decrypts H.264 and AAC
 * samples itself), with forced switches. A playlist whose key URI gives a wrong key does not play,
 * so the player really decrypts.
 */
@Tag("playback")
class HlsEncryptedPlaybackTest {

  private static final ContentKey KEY = TestKeys.HLS;
  private static final byte[] WRONG = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100");

  @TempDir static Path dir;

  private static StaticFileServer server;

  @BeforeAll
  static void packageEncrypted() throws Exception {
    server = StaticFileServer.serve(dir);
    Files.createDirectories(dir.resolve("keys"));
    Files.write(dir.resolve("keys/content.key"), KEY.key());
    Files.write(dir.resolve("keys/wrong.key"), WRONG);
    Path root = PlaybackMedia.hlsTsSource();
    OnePass.packageAll(
        root.getParent(),
        root.getFileName().toString(),
        List.of(
            spec("aes128", EncryptionMode.AES_128, "keys/content.key"),
            spec("aes128_wrong_key", EncryptionMode.AES_128, "keys/wrong.key"),
            spec("sample_aes", EncryptionMode.SAMPLE_AES, "keys/content.key"),
            spec("sample_aes_wrong_key", EncryptionMode.SAMPLE_AES, "keys/wrong.key")));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static OutputSpec spec(String id, EncryptionMode mode, String keyPath) {
    ProtectionKey key = TestKeys.atKeyUri(KEY, server.url(keyPath).toString());
    return OutputSpec.of(id, OutputFormat.HLS_TS, 4, new FolderOutputSink(dir.resolve(id)))
        .withEncryption(new EncryptionSpec(mode, KeyAssignment.single(key), null));
  }

  /**
   * hls.js plays {@code output} with forced switches and does not play {@code output}_wrong_key,
   * both played side by side.
   *
   * @return how the play with the wrong key ended
   */
  private static PlayResult assertPlaysInHlsJsButNotWithAWrongKey(String output) {
    PlayerHarness players = PlayerHarness.installed();
    CompletableFuture<PlayResult> right =
        players.playAsync(Player.HLS_JS, server.url(output + "/index.m3u8"), 4, true);
    CompletableFuture<PlayResult> wrong =
        players.playAsync(Player.HLS_JS, server.url(output + "_wrong_key/index.m3u8"), 2, false);
    Played.assertPlayedWithSwitches(right.join(), PlaybackMedia.HEIGHTS);
    PlayResult failed = wrong.join();
    assertThat(failed.ok()).as("played with a wrong key: %s", failed.json()).isFalse();
    return failed;
  }

  @Test
  void aes128PlaysInHlsJsAndNotWithAWrongKey() {
    assertPlaysInHlsJsButNotWithAWrongKey("aes128");
    assertThat(server.requests()).anyMatch(r -> r.startsWith("GET /keys/content.key 200"));
  }

  @Test
  void aes128PlaysInShaka() {
    PlayResult result =
        PlayerHarness.installed()
            .playAsync(Player.SHAKA, server.url("aes128/index.m3u8"), 4, true)
            .join();
    Played.assertPlayedWithSwitches(result, PlaybackMedia.HEIGHTS);
  }

  @Test
  void sampleAesPlaysInHlsJs() {
    PlayResult failed = assertPlaysInHlsJsButNotWithAWrongKey("sample_aes");
    // with a wrong key the samples are noise: Chromium's decoder refuses the first frame
    assertThat(failed.decodedFrames()).as(failed.json()).isZero();
  }
}
