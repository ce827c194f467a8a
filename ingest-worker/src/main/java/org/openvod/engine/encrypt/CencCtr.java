package org.openvod.engine.encrypt;

import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 'cenc' scheme's transform (ISO/IEC 23001-7 §9.5.2): AES-128-CTR over the protected ranges of
 * a sample, the ranges read as one continuous stream so the keystream runs on across clear gaps.
 * The counter block is an 8-byte IV followed by a 64-bit block counter starting at 0, or the
 * 16-byte IV itself. CTR is its own inverse, so this both encrypts and decrypts.
 *
 * <p>Not thread-safe: it keeps one cipher, re-initialised per sample with the same key (a new
 * cipher per sample cost a provider lookup and the key's expansion each time).
 */
public final class CencCtr {

  private final SecretKeySpec key;
  private final Cipher cipher;

  public CencCtr(ContentKey key) {
    this.key = new SecretKeySpec(key.key(), "AES");
    try {
      this.cipher = Cipher.getInstance("AES/CTR/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR unavailable: " + e.getMessage(), e);
    }
  }

  /**
   * Returns a transformed copy of {@code sample}.
   *
   * @param subsamples empty = the whole sample is protected; otherwise they must cover it exactly
   */
  public byte[] transform(byte[] sample, byte[] iv, List<Subsample> subsamples) {
    if (iv == null || (iv.length != 8 && iv.length != 16)) {
      throw new IllegalArgumentException("iv must be 8 or 16 bytes");
    }
    byte[] counter = new byte[16];
    System.arraycopy(iv, 0, counter, 0, iv.length);
    byte[] out = sample.clone();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counter));
      if (subsamples.isEmpty()) {
        cipher.update(sample, 0, sample.length, out, 0);
        return out;
      }
      long position = 0;
      for (Subsample s : subsamples) {
        position += s.clearBytes();
        if (position + s.protectedBytes() > sample.length) {
          break;
        }
        if (s.protectedBytes() > 0) {
          // Cipher.update keeps the partial-block keystream, as the scheme needs
          cipher.update(sample, (int) position, (int) s.protectedBytes(), out, (int) position);
        }
        position += s.protectedBytes();
      }
      if (position != sample.length) {
        throw new IllegalArgumentException(
            "subsamples cover " + position + " bytes of a " + sample.length + "-byte sample");
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR failed: " + e.getMessage(), e);
    }
  }
}
