package org.openvod.engine.encrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvod.engine.testing.Tools;

/**
 * ffmpeg is the player here: it must decode our AES-128 segments, fetched through the EXT-X-KEY tag
 * we write, into exactly the frames of the clear set.
 */
class HlsAes128SegmentEncryptorTest {

  private static final int FIRST_SEQUENCE = 7;

  @TempDir static Path dir;
  private static Path clear;
  private static String clearFrames;

  @BeforeAll
  static void makeClearSet() throws IOException {
    clear = Files.createDirectories(dir.resolve("clear"));
    Tools.ffmpegOk(
        clear,
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=160x90:rate=25",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=48000",
        "-t",
        "3",
        "-c:v",
        "libx264",
        "-g",
        "25",
        "-c:a",
        "aac",
        "-f",
        "hls",
        "-hls_time",
        "1",
        "-hls_list_size",
        "0",
        "-start_number",
        String.valueOf(FIRST_SEQUENCE),
        "-hls_segment_filename",
        "seg%d.ts",
        "playlist.m3u8");
    clearFrames = frames(clear.resolve("playlist.m3u8"));
    assertTrue(clearFrames.lines().filter(l -> !l.startsWith("#")).count() > 100, clearFrames);
  }

  @Test
  void sequenceNumberIvsPlayLikeTheClearSet() throws IOException {
    ContentKey key = new ContentKey(random(16), random(16), null);
    Path out = encryptSet("by-sequence", key, key.key());
    assertEquals(clearFrames, frames(out.resolve("playlist.m3u8")));
    assertFalse(Files.readString(out.resolve("playlist.m3u8")).contains("IV="));

    // an independent AES implementation, given the IV as RFC 8216 derives it, gets the clear bytes
    String segment = "seg" + (FIRST_SEQUENCE + 1) + ".ts";
    Tools.Result openssl =
        Tools.run(
            out,
            List.of(
                "openssl",
                "enc",
                "-d",
                "-aes-128-cbc",
                "-K",
                HexFormat.of().formatHex(key.key()),
                "-iv",
                String.format("%032x", FIRST_SEQUENCE + 1),
                "-in",
                segment,
                "-out",
                segment + ".clear"));
    assertEquals(0, openssl.exitCode(), openssl.stderr());
    assertArrayEquals(
        Files.readAllBytes(clear.resolve(segment)),
        Files.readAllBytes(out.resolve(segment + ".clear")));
  }

  @Test
  void explicitIvPlaysLikeTheClearSet() throws IOException {
    ContentKey key = new ContentKey(random(16), random(16), random(16));
    Path out = encryptSet("explicit", key, key.key());
    String playlist = Files.readString(out.resolve("playlist.m3u8"));
    assertTrue(
        playlist.contains(",IV=0x" + HexFormat.of().withUpperCase().formatHex(key.iv())), playlist);
    assertEquals(clearFrames, frames(out.resolve("playlist.m3u8")));
  }

  @Test
  void aWrongKeyDoesNotPlay() throws IOException {
    ContentKey key = new ContentKey(random(16), random(16), null);
    byte[] wrong = key.key();
    wrong[0] ^= 1;
    Path out = encryptSet("wrong", key, wrong);
    Tools.Result result =
        Tools.ffmpeg(
            out,
            "-allowed_extensions",
            "ALL",
            "-i",
            "playlist.m3u8",
            "-map",
            "0",
            "-f",
            "framemd5",
            "-");
    assertTrue(result.exitCode() != 0 || !result.stdout().equals(clearFrames));
  }

  @Test
  void theIvIsTheSequenceNumberBigEndianUnlessExplicit() {
    ContentKey key = new ContentKey(random(16), random(16), null);
    HlsAes128SegmentEncryptor encryptor = new HlsAes128SegmentEncryptor(key, "k");
    byte[] expected = new byte[16];
    expected[14] = 0x01;
    expected[15] = 0x02;
    assertArrayEquals(expected, encryptor.iv(0x0102));
    assertArrayEquals(new byte[16], encryptor.iv(0));
    byte[] iv = random(16);
    HlsAes128SegmentEncryptor explicit =
        new HlsAes128SegmentEncryptor(new ContentKey(random(16), random(16), iv), "k");
    assertArrayEquals(iv, explicit.iv(5));
    assertArrayEquals(iv, explicit.iv(6));
  }

  @Test
  void roundTripsAndPadsToTheBlockSize() {
    HlsAes128SegmentEncryptor encryptor =
        new HlsAes128SegmentEncryptor(new ContentKey(random(16), random(16), null), "k");
    for (int length : new int[] {0, 1, 15, 16, 17, 188 * 7}) {
      byte[] data = random(length);
      byte[] encrypted = encryptor.encrypt(data, 3);
      assertEquals((length / 16 + 1) * 16, encrypted.length);
      assertArrayEquals(data, encryptor.decrypt(encrypted, 3));
      // another sequence number is another IV, so other bytes
      assertNotEquals(
          HexFormat.of().formatHex(encrypted),
          HexFormat.of().formatHex(encryptor.encrypt(data, 4)));
    }
  }

  @Test
  void badInputIsRefusedByName() {
    ContentKey key = new ContentKey(random(16), random(16), null);
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> new HlsAes128SegmentEncryptor(key, "a\"b"))
            .getMessage()
            .contains("keyUri"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> new ContentKey(random(15), random(16), null))
            .getMessage()
            .contains("keyId"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ContentKey.ofHex("00", "zz", null))
            .getMessage()
            .contains("key"));
    assertThrows(
        IllegalArgumentException.class, () -> new HlsAes128SegmentEncryptor(key, "k").iv(-1));
  }

  /** Encrypts every segment of the clear set; the key file holds {@code served} bytes. */
  private static Path encryptSet(String name, ContentKey key, byte[] served) throws IOException {
    Path out = Files.createDirectories(dir.resolve(name));
    Files.write(out.resolve("key.bin"), served);
    HlsAes128SegmentEncryptor encryptor = new HlsAes128SegmentEncryptor(key, "key.bin");
    List<String> lines = Files.readAllLines(clear.resolve("playlist.m3u8"));
    long sequence = 0;
    boolean keyWritten = false;
    List<String> written = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
        sequence = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
      if (line.startsWith("#EXTINF") && !keyWritten) {
        written.add(encryptor.extXKey());
        keyWritten = true;
      }
      if (!line.isBlank() && !line.startsWith("#")) {
        byte[] segment = Files.readAllBytes(clear.resolve(line));
        Files.write(out.resolve(line), encryptor.encrypt(segment, sequence));
        sequence++;
      }
      written.add(line);
    }
    assertTrue(keyWritten);
    assertEquals(FIRST_SEQUENCE + 3, sequence, "the set should hold three segments");
    Files.write(out.resolve("playlist.m3u8"), written);
    return out;
  }

  private static String frames(Path playlist) {
    return Tools.ffmpegOk(
            playlist.getParent(),
            "-allowed_extensions",
            "ALL",
            "-i",
            playlist.getFileName().toString(),
            "-map",
            "0",
            "-f",
            "framemd5",
            "-")
        .stdout();
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  static byte[] random(int length) {
    byte[] out = new byte[length];
    RANDOM.nextBytes(out);
    return out;
  }
}
