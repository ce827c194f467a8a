package org.openvod.engine.encrypt;

import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openvod.engine.media.Codec;

/**
 * Common encryption of one track's samples with the 'cbcs' scheme (ISO/IEC 23001-7 §10.4): AES-128
 * CBC with a constant IV and no per-sample IVs.
 *
 * <ul>
 *   <li>Video: the subsample map of {@link VideoSubsamples} (slice headers clear); inside each
 *       protected range the pattern 1:9 encrypts one 16-byte block and leaves nine clear, the CBC
 *       chain running on across the skipped blocks. The chain restarts from the constant IV at each
 *       subsample.
 *   <li>Audio: the whole sample is one CBC chain from the constant IV, no pattern (0:0), its last
 *       bytes that do not fill a block left clear. No subsample map.
 * </ul>
 *
 * <p>Not thread-safe: one instance per track.
 */
public final class CbcsSampleEncryptor implements SampleEncryptor {

  /** Video pattern: encrypted blocks, then skipped blocks (ISO/IEC 23001-7 §10.4.2). */
  public static final int CRYPT_BLOCKS = 1;

  public static final int SKIP_BLOCKS = 9;

  private static final byte[] NO_IV = new byte[0];

  private final SecretKeySpec key;
  private final byte[] constantIv;
  private final Codec videoCodec;
  private final Cipher cipher;

  /** The pattern's crypt blocks of one range, side by side: one CBC call instead of one each. */
  private byte[] gathered = new byte[0];

  private CbcsSampleEncryptor(ContentKey key, byte[] constantIv, Codec videoCodec) {
    if (constantIv == null || constantIv.length != 16) {
      throw new IllegalArgumentException("cbcs needs a 16-byte constant IV");
    }
    this.key = new SecretKeySpec(key.key(), "AES");
    this.constantIv = constantIv.clone();
    this.videoCodec = videoCodec;
    try {
      this.cipher = Cipher.getInstance("AES/CBC/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC unavailable: " + e.getMessage(), e);
    }
  }

  /** For an H.264 or H.265 track: subsamples with the 1:9 pattern. */
  public static CbcsSampleEncryptor video(ContentKey key, Codec codec, byte[] constantIv) {
    VideoSubsamples.requireVideo(codec);
    return new CbcsSampleEncryptor(key, constantIv, codec);
  }

  /** For an audio track: whole samples, no pattern. */
  public static CbcsSampleEncryptor audio(ContentKey key, byte[] constantIv) {
    return new CbcsSampleEncryptor(key, constantIv, null);
  }

  /** The returned sample's IV is empty: the tenc box carries the constant IV. */
  @Override
  public EncryptedSample encrypt(byte[] sample) {
    byte[] out = sample.clone();
    if (videoCodec == null) {
      run(Cipher.ENCRYPT_MODE, out, 0, sample.length / 16 * 16, 0, 0);
      return new EncryptedSample(out, NO_IV, List.of());
    }
    List<Subsample> subsamples = VideoSubsamples.of(sample, videoCodec);
    long position = 0;
    for (Subsample s : subsamples) {
      position += s.clearBytes();
      run(
          Cipher.ENCRYPT_MODE,
          out,
          (int) position,
          (int) s.protectedBytes(),
          CRYPT_BLOCKS,
          SKIP_BLOCKS);
      position += s.protectedBytes();
    }
    return new EncryptedSample(out, NO_IV, subsamples);
  }

  /**
   * Decrypts in place what {@link #encrypt} produced (for checks): the same walk in decrypt mode.
   */
  public byte[] decrypt(byte[] encrypted, List<Subsample> subsamples) {
    byte[] out = encrypted.clone();
    if (subsamples.isEmpty()) {
      run(Cipher.DECRYPT_MODE, out, 0, out.length / 16 * 16, 0, 0);
      return out;
    }
    long position = 0;
    for (Subsample s : subsamples) {
      position += s.clearBytes();
      run(
          Cipher.DECRYPT_MODE,
          out,
          (int) position,
          (int) s.protectedBytes(),
          CRYPT_BLOCKS,
          SKIP_BLOCKS);
      position += s.protectedBytes();
    }
    return out;
  }

  /**
   * One CBC chain from the constant IV over {@code length} bytes at {@code offset}: with a pattern,
   * {@code crypt} blocks transformed then {@code skip} blocks left, repeated; without ({@code skip
   * == 0}), every whole block. A tail shorter than a block stays clear.
   */
  private void run(int mode, byte[] data, int offset, int length, int crypt, int skip) {
    int blocks = length / 16;
    if (blocks == 0) {
      return;
    }
    try {
      cipher.init(mode, key, new IvParameterSpec(constantIv));
      if (skip == 0) {
        cipher.update(data, offset, blocks * 16, data, offset);
        return;
      }
      // the chain runs over the crypt blocks only, so they are gathered, transformed in one
      // call (the same chain as one call per group) and put back; a last group shorter than the
      // crypt blocks stays clear, as decryptors read the pattern
      int groups = 0;
      for (int block = 0; blocks - block >= crypt; block += crypt + skip) {
        groups++;
      }
      int bytes = groups * crypt * 16;
      if (gathered.length < bytes) {
        gathered = new byte[Math.max(bytes, gathered.length * 2)];
      }
      for (int g = 0; g < groups; g++) {
        System.arraycopy(
            data, offset + g * (crypt + skip) * 16, gathered, g * crypt * 16, crypt * 16);
      }
      cipher.update(gathered, 0, bytes, gathered, 0);
      for (int g = 0; g < groups; g++) {
        System.arraycopy(
            gathered, g * crypt * 16, data, offset + g * (crypt + skip) * 16, crypt * 16);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC failed: " + e.getMessage(), e);
    }
  }
}
