package org.openvod.engine.output.hls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.engine.encrypt.ContentKey;
import org.openvod.engine.encrypt.DecodedFrames;
import org.openvod.engine.encrypt.DrmSignal;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.encrypt.KeyAssignment;
import org.openvod.engine.encrypt.ProtectionKey;
import org.openvod.engine.encrypt.TestKeys;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.hls.HlsPass.Case;
import org.openvod.engine.testing.DirectorySink;
import org.openvod.engine.testing.Playlists;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;

/**
 * HLS-TS with METHOD=AES-128 (whole segments, AES-128-CBC): ffmpeg fetches the key from the
 * playlist's key URI (a local HTTP server) and decodes exactly the frames of the clear output of
 * the same pass, with a constant and with a rotating IV, muxed and with an audio rendition group,
 * and through the I-frame playlists.
 */
class HlsAes128OutputTest {

  private static final ContentKey KEY = TestKeys.HLS;
  private static final byte[] CONSTANT_IV = HlsPass.CONSTANT_IV;

  private static KeyServer keys;
  private static Map<String, DirectorySink> outputs;

  @BeforeAll
  static void packageOnce() throws Exception {
    keys = new KeyServer(KEY);
    ProtectionKey key = keys.protectionKey(KEY);
    EncryptionSpec constant =
        new EncryptionSpec(EncryptionMode.AES_128, KeyAssignment.single(key), CONSTANT_IV);
    EncryptionSpec rotating =
        new EncryptionSpec(EncryptionMode.AES_128, KeyAssignment.single(key), null);
    outputs =
        pass(
            "aes",
            List.of(
                new Case("clear", false, null),
                new Case("clear_group", true, null),
                new Case("constant", false, constant),
                new Case("constant_repeat", false, constant, true),
                new Case("rotating", false, rotating),
                new Case("rotating_group", true, rotating)));
  }

  @AfterAll
  static void stop() {
    if (keys != null) {
      keys.close();
    }
  }

  /** One Packager pass over the three-rendition source with every case as an output. */
  private static Map<String, DirectorySink> pass(String name, List<Case> cases) throws Exception {
    return HlsPass.run(TestMedia.threeRenditions(), TestMedia.MASTER, name, cases);
  }

  private static Path dir(String id) {
    return outputs.get(id).root();
  }

  @Test
  void ffmpegDecryptsEveryVariantToTheClearFrames() {
    int before = keys.requestCount();
    for (String id : List.of("constant", "constant_repeat", "rotating")) {
      for (String variant : List.of("index_v0.m3u8", "index_v2.m3u8")) {
        List<String> clear = DecodedFrames.ofPlaylist(dir("clear"), variant);
        assertTrue(clear.size() > 360, "video and audio frames of " + variant);
        assertEquals(clear, DecodedFrames.ofPlaylist(dir(id), variant), id + "/" + variant);
      }
    }
    assertTrue(keys.requestCount() > before, "ffmpeg fetched the key from the key URI");
  }

  @Test
  void audioRenditionPlaylistsAreEncryptedToo() throws IOException {
    String audio = "index_a0.m3u8";
    String text = TestMedia.read(dir("rotating_group").resolve(audio));
    assertEquals(
        Playlists.entries(text).size(), Playlists.tags(text, "#EXT-X-KEY").size(), "rotating IV");
    for (Playlists.Entry entry : Playlists.entries(text)) {
      assertNotTs(dir("rotating_group").resolve(entry.uri()));
    }
    assertEquals(
        DecodedFrames.ofPlaylist(dir("clear_group"), audio),
        DecodedFrames.ofPlaylist(dir("rotating_group"), audio));
    assertEquals(
        DecodedFrames.ofPlaylist(dir("clear_group"), "index_v1.m3u8"),
        DecodedFrames.ofPlaylist(dir("rotating_group"), "index_v1.m3u8"));
  }

  @Test
  void theIframePlaylistsDecryptToTheClearKeyFrames() {
    for (String id : List.of("constant", "rotating")) {
      String playlist = "index_v0_iframes.m3u8";
      List<String> clear = DecodedFrames.ofPlaylist(dir("clear"), playlist);
      assertEquals(6, clear.size(), "12 s with a key frame every 2 s");
      assertEquals(clear, DecodedFrames.ofPlaylist(dir(id), playlist), id);
      String text = TestMedia.read(dir(id).resolve(playlist));
      assertTrue(Playlists.tags(text, "#EXT-X-BYTERANGE").isEmpty(), "own files, no ranges");
    }
  }

  @Test
  void aConstantIvIsNamedOnceUnlessRepeatExtXKey() {
    String once = TestMedia.read(dir("constant").resolve("index_v0.m3u8"));
    List<String> tags = Playlists.tags(once, "#EXT-X-KEY");
    assertEquals(1, tags.size(), once);
    Map<String, String> attributes = Playlists.attributes(tags.get(0));
    assertEquals("AES-128", attributes.get("METHOD"));
    assertEquals(keys.uri(), attributes.get("URI"));
    assertEquals("0xA0A1A2A3A4A5A6A7A8A9AAABACADAEAF", attributes.get("IV"));
    assertTrue(once.indexOf("#EXT-X-KEY") < once.indexOf("#EXTINF"), "before the first segment");

    String repeated = TestMedia.read(dir("constant_repeat").resolve("index_v0.m3u8"));
    int segments = Playlists.entries(repeated).size();
    assertEquals(3, segments, "12 s in 4 s segments");
    List<String> repeatedTags = Playlists.tags(repeated, "#EXT-X-KEY");
    assertEquals(segments, repeatedTags.size(), repeated);
    assertEquals(1, new HashSet<>(repeatedTags).size(), "the same tag every time");
  }

  @Test
  void aRotatingIvChangesWithEverySegment() {
    String text = TestMedia.read(dir("rotating").resolve("index_v0.m3u8"));
    List<String> tags = Playlists.tags(text, "#EXT-X-KEY");
    assertEquals(Playlists.entries(text).size(), tags.size(), text);
    Set<String> ivs = new HashSet<>();
    for (String tag : tags) {
      ivs.add(Playlists.attributes(tag).get("IV"));
    }
    assertEquals(tags.size(), ivs.size(), "every IV differs");
    assertFalse(ivs.contains("0xA0A1A2A3A4A5A6A7A8A9AAABACADAEAF"));
  }

  @Test
  void segmentsAreCipherTextNotTs() throws IOException {
    for (String id : List.of("constant", "rotating")) {
      String text = TestMedia.read(dir(id).resolve("index_v0.m3u8"));
      for (Playlists.Entry entry : Playlists.entries(text)) {
        assertNotTs(dir(id).resolve(entry.uri()));
      }
      // and the segment is the clear one, encrypted: same length up to the padding
      long clear = Files.size(dir("clear").resolve("v0/seg_00000.ts"));
      long sealed = Files.size(dir(id).resolve("v0/seg_00000.ts"));
      assertEquals((clear / 16 + 1) * 16, sealed);
    }
  }

  static void assertNotTs(Path segment) throws IOException {
    byte[] data = Files.readAllBytes(segment);
    assertEquals(0, data.length % 16, segment + " is padded to whole blocks");
    int syncs = 0;
    int packets = data.length / 188;
    for (int i = 0; i < packets; i++) {
      if (data[i * 188] == 0x47) {
        syncs++;
      }
    }
    assertTrue(packets > 10, segment + " is a real segment");
    assertTrue(syncs < packets / 10, segment + ": " + syncs + " of " + packets + " sync bytes");
    Tools.Result probe = Tools.ffprobe(segment.getParent(), "-v", "error", segment.toString());
    assertNotEquals(0, probe.exitCode() + probe.stderr().length(), "ffprobe reads cipher text");
  }

  @Test
  void packagingTwiceGivesTheSameBytes() throws Exception {
    ProtectionKey key = keys.protectionKey(KEY);
    EncryptionSpec rotating =
        new EncryptionSpec(EncryptionMode.AES_128, KeyAssignment.single(key), null);
    Map<String, DirectorySink> again =
        pass("aes-again", List.of(new Case("rotating", false, rotating)));
    Path first = dir("rotating");
    Path second = again.get("rotating").root();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(first)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    assertTrue(files.size() > 20, "segments, I-frame files and playlists");
    for (Path file : files) {
      Path other = second.resolve(first.relativize(file).toString());
      assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(other), file.toString());
    }
    try (Stream<Path> walk = Files.walk(second)) {
      assertEquals(files.size(), walk.filter(Files::isRegularFile).count());
    }
  }

  @Test
  void everySignalWithAKeyUriGetsItsOwnLine() throws Exception {
    ProtectionKey key =
        new ProtectionKey(
            KEY,
            List.of(
                new DrmSignal(
                    TestKeys.IDENTITY,
                    null,
                    null,
                    "https://keys.example/k1",
                    "identity",
                    "1",
                    null),
                new DrmSignal(
                    java.util.UUID.fromString("94ce86fb-07ff-4f43-adb8-93d2fa968ca2"),
                    null,
                    null,
                    "skd://keys.example/k1",
                    "com.apple.streamingkeydelivery",
                    "1",
                    null),
                new DrmSignal(
                    java.util.UUID.fromString("edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"),
                    new byte[] {1, 2, 3},
                    null,
                    null,
                    null,
                    null,
                    null)));
    RenditionKey rendition = RenditionKey.of(EncryptionMode.AES_128, key, CONSTANT_IV, "test");
    List<String> lines = rendition.tags(CONSTANT_IV);
    assertEquals(2, lines.size(), "the Widevine signal has no HLS key URI");
    assertEquals(
        "#EXT-X-KEY:METHOD=AES-128,URI=\"https://keys.example/k1\","
            + "IV=0xA0A1A2A3A4A5A6A7A8A9AAABACADAEAF,KEYFORMAT=\"identity\",KEYFORMATVERSIONS=\"1\"",
        lines.get(0));
    assertTrue(lines.get(1).contains("KEYFORMAT=\"com.apple.streamingkeydelivery\""));
    assertEquals(5, rendition.playlistVersion(), "KEYFORMAT needs EXT-X-VERSION 5");
  }

  @Test
  void aKeyWithoutAnHlsKeyUriIsAConfigurationError() {
    ProtectionKey key =
        new ProtectionKey(
            KEY,
            List.of(
                new DrmSignal(TestKeys.IDENTITY, new byte[] {1}, null, null, null, null, null)));
    PackagingException e =
        assertThrows(
            PackagingException.class,
            () -> RenditionKey.of(EncryptionMode.AES_128, key, null, "output x"));
    assertEquals(PackagingException.Reason.INVALID_CONFIGURATION, e.reason());
    assertTrue(e.getMessage().contains("no HLS key URI"), e.getMessage());
  }

  @Test
  void cencAndCbcsAreRefusedForHlsTs() {
    for (EncryptionMode mode : List.of(EncryptionMode.CENC, EncryptionMode.CBCS)) {
      OutputSpec spec =
          OutputSpec.of("ts", OutputFormat.HLS_TS, 6, (path, data, type) -> {})
              .withEncryption(
                  new EncryptionSpec(mode, KeyAssignment.single(keys.protectionKey(KEY)), null));
      PackagingException e =
          assertThrows(PackagingException.class, () -> new HlsTsOutput(spec, Instant.EPOCH));
      assertEquals(PackagingException.Reason.INVALID_CONFIGURATION, e.reason());
      assertTrue(e.getMessage().contains(mode.name()), e.getMessage());
    }
  }
}
