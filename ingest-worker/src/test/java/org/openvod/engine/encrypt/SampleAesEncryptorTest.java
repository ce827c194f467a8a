package org.openvod.engine.encrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.openvod.engine.codec.Nal;
import org.openvod.engine.media.Codec;

/**
 * The byte layout of SAMPLE-AES, checked against a decryptor written here from Apple's listings
 * (the ffmpeg tests in output/hls prove the same end to end): which bytes stay clear, that the
 * cipher text goes back to the sample, and that escaping never lets a start code through.
 */
class SampleAesEncryptorTest {

  private static final ContentKey KEY =
      ContentKey.ofHex(
          "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "00112233445566778899aabbccddeeff", null);
  private static final byte[] IV = new byte[16];

  static {
    Arrays.fill(IV, (byte) 0x5a);
  }

  @Test
  void escapingRemovesEveryStartCodeAndUndoesExactly() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      byte[] raw = new byte[1 + random.nextInt(400)];
      for (int i = 0; i < raw.length; i++) {
        // many zeros, so 00 00 0x runs are common
        raw[i] = (byte) (random.nextInt(3) == 0 ? random.nextInt(4) : 0);
      }
      byte[] escaped = EmulationPrevention.escape(raw);
      for (int i = 0; i + 2 < escaped.length; i++) {
        boolean startCodeLike =
            escaped[i] == 0 && escaped[i + 1] == 0 && (escaped[i + 2] & 0xff) <= 2;
        assertFalse(startCodeLike, "00 00 0" + escaped[i + 2] + " at " + i);
      }
      assertFalse(escaped[escaped.length - 1] == 0, "a unit never ends in 00");
      byte[] back = Nal.unescape(escaped);
      if (raw[raw.length - 1] == 0) {
        back = Arrays.copyOf(back, raw.length); // the trailing 03 guard
      }
      assertArrayEquals(raw, back);
    }
  }

  @Test
  void videoKeepsTheLeaderAndNineOfTenBlocksClearAndDecryptsBack() throws Exception {
    byte[] slice = new byte[1000];
    new Random(1).nextBytes(slice);
    slice[0] = 0x65; // IDR slice
    byte[] sei = {0x06, 0x05, 0x01, 0x02, (byte) 0x80};
    byte[] shortSlice = Arrays.copyOf(slice, 48);
    shortSlice[0] = 0x41;
    byte[] sample = lengthPrefixed(sei, slice, shortSlice);

    byte[] encrypted = new SampleAesEncryptor(KEY, Codec.H264).encrypt(sample, IV);
    byte[][] units = split(encrypted);
    assertArrayEquals(sei, units[0], "non-slice units stay as they are");
    assertArrayEquals(shortSlice, units[2], "units of 48 bytes or fewer stay clear");
    byte[] decrypted = decryptNal(Nal.unescape(units[1]));
    assertArrayEquals(slice, decrypted);
    byte[] cipher = Nal.unescape(units[1]);
    assertArrayEquals(Arrays.copyOf(slice, 32), Arrays.copyOf(cipher, 32), "clear leader");
    assertFalse(Arrays.equals(slice, 32, 48, cipher, 32, 48), "first block encrypted");
    assertArrayEquals(
        Arrays.copyOfRange(slice, 48, 192), Arrays.copyOfRange(cipher, 48, 192), "9 clear blocks");
    assertFalse(Arrays.equals(slice, 192, 208, cipher, 192, 208), "then one encrypted");
  }

  @Test
  void audioFramesKeepSixteenBytesAndTheTailClear() throws Exception {
    byte[] frame = new byte[16 + 5 * 16 + 7];
    new Random(2).nextBytes(frame);
    byte[] encrypted = new SampleAesEncryptor(KEY, Codec.AAC).encrypt(frame, IV);
    assertEquals(frame.length, encrypted.length);
    assertArrayEquals(Arrays.copyOf(frame, 16), Arrays.copyOf(encrypted, 16));
    assertArrayEquals(
        Arrays.copyOfRange(frame, 96, frame.length),
        Arrays.copyOfRange(encrypted, 96, encrypted.length));
    Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
    cbc.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY.key(), "AES"), new IvParameterSpec(IV));
    assertArrayEquals(
        Arrays.copyOfRange(frame, 16, 96), cbc.doFinal(Arrays.copyOfRange(encrypted, 16, 96)));
  }

  @Test
  void hevcIsNotASampleAesCodec() {
    assertThrows(IllegalArgumentException.class, () -> new SampleAesEncryptor(KEY, Codec.H265));
    assertFalse(SampleAesEncryptor.supports(Codec.H265));
  }

  /** Apple's Listing 2-1 read backwards: CBC over the 1-in-10 blocks after 32 clear bytes. */
  private static byte[] decryptNal(byte[] nal) throws Exception {
    Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
    cbc.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY.key(), "AES"), new IvParameterSpec(IV));
    byte[] out = nal.clone();
    int p = 32;
    while (out.length - p > 16) {
      byte[] block = cbc.update(out, p, 16);
      System.arraycopy(block, 0, out, p, 16);
      p += 16 + Math.min(144, out.length - p - 16);
    }
    return out;
  }

  private static byte[] lengthPrefixed(byte[]... units) {
    ByteBuffer out = ByteBuffer.allocate(Arrays.stream(units).mapToInt(u -> 4 + u.length).sum());
    for (byte[] unit : units) {
      out.putInt(unit.length).put(unit);
    }
    return out.array();
  }

  private static byte[][] split(byte[] sample) {
    return Nal.splitLengthPrefixed(sample).toArray(byte[][]::new);
  }
}
