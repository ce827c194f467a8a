package org.openvod.engine.encrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.Codec;

/**
 * The cbcs transform against javax.crypto's plain AES-CBC as the reference: the encrypted blocks of
 * a protected range, taken out and joined, must be exactly AES-CBC from the constant IV over the
 * same clear blocks (the chain skips the clear blocks), and each subsample restarts the chain.
 */
class CbcsSampleEncryptorTest {

  static final byte[] IV = new byte[16];

  static {
    Arrays.fill(IV, (byte) 7);
  }

  /** A length-prefixed IDR slice NAL unit of {@code size} bytes of payload. */
  static byte[] slice(int size, long seed) {
    byte[] payload = new byte[size];
    new Random(seed).nextBytes(payload);
    payload[0] = 0x65;
    return ByteBuffer.allocate(4 + size).putInt(size).put(payload).array();
  }

  static byte[] cbc(byte[] blocks) throws Exception {
    Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
    c.init(
        Cipher.ENCRYPT_MODE, new SecretKeySpec(TestKeys.HD.key(), "AES"), new IvParameterSpec(IV));
    return c.doFinal(blocks);
  }

  @Test
  void videoEncryptsOneBlockInTenAsOneCbcChainPerSubsample() throws Exception {
    byte[] first = slice(1000, 1);
    byte[] second = slice(500, 2);
    byte[] sample =
        ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    EncryptedSample out = CbcsSampleEncryptor.video(TestKeys.HD, Codec.H264, IV).encrypt(sample);
    assertEquals(0, out.iv().length, "constant IV: nothing per sample");
    assertEquals(
        2, out.subsamples().stream().filter(s -> s.protectedBytes() > 0).count(), "one per slice");
    long at = 0;
    for (Subsample s : out.subsamples()) {
      at += s.clearBytes();
      if (s.protectedBytes() > 0) {
        assertTrue(
            s.clearBytes() >= 4 + 1 + VideoSubsamples.CLEAR_SLICE_LEAD, "slice header clear");
      }
      int blocks = (int) (s.protectedBytes() / 16);
      java.io.ByteArrayOutputStream clearPicked = new java.io.ByteArrayOutputStream();
      java.io.ByteArrayOutputStream encryptedPicked = new java.io.ByteArrayOutputStream();
      for (int b = 0; b < blocks; b++) {
        int from = (int) at + 16 * b;
        if (b % 10 == 0) {
          clearPicked.write(sample, from, 16);
          encryptedPicked.write(out.data(), from, 16);
        } else {
          assertArrayEquals(
              Arrays.copyOfRange(sample, from, from + 16),
              Arrays.copyOfRange(out.data(), from, from + 16),
              "skipped block " + b);
        }
      }
      assertArrayEquals(cbc(clearPicked.toByteArray()), encryptedPicked.toByteArray());
      at += s.protectedBytes();
    }
    assertArrayEquals(
        sample,
        CbcsSampleEncryptor.video(TestKeys.HD, Codec.H264, IV)
            .decrypt(out.data(), out.subsamples()));
  }

  @Test
  void audioIsOneChainOverTheWholeBlocksWithTheTailClear() throws Exception {
    byte[] sample = new byte[16 * 20 + 5];
    new Random(3).nextBytes(sample);
    EncryptedSample out = CbcsSampleEncryptor.audio(TestKeys.HD, IV).encrypt(sample);
    assertEquals(List.of(), out.subsamples());
    assertArrayEquals(cbc(Arrays.copyOf(sample, 16 * 20)), Arrays.copyOf(out.data(), 16 * 20));
    assertArrayEquals(
        Arrays.copyOfRange(sample, 320, 325), Arrays.copyOfRange(out.data(), 320, 325));
    byte[] tiny = {1, 2, 3};
    assertArrayEquals(tiny, CbcsSampleEncryptor.audio(TestKeys.HD, IV).encrypt(tiny).data());
  }

  @Test
  void theDerivedConstantIvDependsOnTheKeyIdOnly() {
    byte[] a = EncryptionHandler.derivedIv(TestKeys.HD.keyId());
    assertEquals(16, a.length);
    assertArrayEquals(a, EncryptionHandler.derivedIv(TestKeys.HD.keyId()));
    assertFalse(Arrays.equals(a, EncryptionHandler.derivedIv(TestKeys.SD.keyId())));
  }
}
