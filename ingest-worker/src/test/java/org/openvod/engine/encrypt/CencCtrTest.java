package org.openvod.engine.encrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * {@link CencCtr} makes its keystream itself (counter blocks through AES-ECB); the JDK's own
 * AES/CTR cipher is the oracle it must match byte for byte.
 */
class CencCtrTest {

  private static final ContentKey KEY =
      new ContentKey(
          HlsAes128SegmentEncryptorTest.random(16), HlsAes128SegmentEncryptorTest.random(16), null);

  @Test
  void wholeSamplesMatchTheJdksCtrForBothIvSizesAndPartialBlocks() throws Exception {
    CencCtr ctr = new CencCtr(KEY);
    for (int length : new int[] {1, 15, 16, 17, 4096, 100_003}) {
      byte[] sample = HlsAes128SegmentEncryptorTest.random(length);
      byte[] iv8 = HlsAes128SegmentEncryptorTest.random(8);
      byte[] iv16 = HlsAes128SegmentEncryptorTest.random(16);
      assertArrayEquals(jdk(sample, iv8, List.of()), ctr.transform(sample, iv8, List.of()));
      assertArrayEquals(jdk(sample, iv16, List.of()), ctr.transform(sample, iv16, List.of()));
    }
  }

  @Test
  void theKeystreamRunsOnAcrossClearRangesMidBlock() throws Exception {
    CencCtr ctr = new CencCtr(KEY);
    byte[] sample = HlsAes128SegmentEncryptorTest.random(5 + 40 + 3 + 23 + 0 + 100 + 7);
    // protected ranges of 40, 23 and 100 bytes: the keystream's blocks straddle the gaps
    List<Subsample> map =
        List.of(
            new Subsample(5, 40), new Subsample(3, 23), new Subsample(0, 100), new Subsample(7, 0));
    byte[] iv = HlsAes128SegmentEncryptorTest.random(8);
    byte[] out = ctr.transform(sample, iv, map);
    assertArrayEquals(jdk(sample, iv, map), out);
    // clear ranges are copied as they are
    assertArrayEquals(Arrays.copyOfRange(sample, 0, 5), Arrays.copyOfRange(out, 0, 5));
    assertArrayEquals(
        Arrays.copyOfRange(sample, sample.length - 7, sample.length),
        Arrays.copyOfRange(out, out.length - 7, out.length));
    // CTR is its own inverse
    assertArrayEquals(sample, ctr.transform(out, iv, map));
  }

  @Test
  void theCounterCarriesAcrossItsLow64BitsAndWrapsAt128() throws Exception {
    CencCtr ctr = new CencCtr(KEY);
    byte[] sample = HlsAes128SegmentEncryptorTest.random(16 * 5 + 9);
    for (String hex :
        new String[] {
          "0011223344556677fffffffffffffffe",
          "ffffffffffffffffffffffffffffffff",
          "00000000000000fffffffffffffffffd"
        }) {
      byte[] iv = HexFormat.of().parseHex(hex);
      assertArrayEquals(jdk(sample, iv, List.of()), ctr.transform(sample, iv, List.of()));
    }
  }

  @Test
  void aMapThatDoesNotCoverTheSampleIsRefused() {
    CencCtr ctr = new CencCtr(KEY);
    byte[] iv = new byte[8];
    assertThrows(
        IllegalArgumentException.class,
        () -> ctr.transform(new byte[64], iv, List.of(new Subsample(10, 32))));
    assertThrows(
        IllegalArgumentException.class,
        () -> ctr.transform(new byte[64], iv, List.of(new Subsample(10, 64))));
    assertThrows(
        IllegalArgumentException.class, () -> ctr.transform(new byte[64], new byte[12], List.of()));
  }

  /** The JDK's AES/CTR over the protected ranges read as one stream. */
  private static byte[] jdk(byte[] sample, byte[] iv, List<Subsample> map) throws Exception {
    Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(KEY.key(), "AES"),
        new IvParameterSpec(Arrays.copyOf(iv, 16)));
    byte[] out = sample.clone();
    if (map.isEmpty()) {
      return cipher.doFinal(sample);
    }
    int position = 0;
    for (Subsample s : map) {
      position += s.clearBytes();
      int length = (int) s.protectedBytes();
      if (length > 0) {
        cipher.update(sample, position, length, out, position);
      }
      position += length;
    }
    return out;
  }
}
