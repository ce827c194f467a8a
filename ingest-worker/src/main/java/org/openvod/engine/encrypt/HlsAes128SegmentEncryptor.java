package org.openvod.engine.encrypt;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * HLS {@code METHOD=AES-128} (RFC 8216 §4.3.2.4, §5.2): each whole media segment is encrypted with
 * AES-128-CBC and PKCS#7 padding. The IV is the key's explicit IV when it has one, otherwise the
 * segment's media sequence number as a 128-bit big-endian integer, which players derive by
 * themselves when the EXT-X-KEY tag carries no IV attribute.
 *
 * <p>Stateless and thread-safe: one instance per key, used for every segment of a rendition.
 */
public final class HlsAes128SegmentEncryptor {

  private final ContentKey key;
  private final String keyUri;

  /**
   * @param key the content key (its explicit IV, if any, is used for every segment)
   * @param keyUri where players fetch the 16 raw key bytes (written verbatim into EXT-X-KEY)
   */
  public HlsAes128SegmentEncryptor(ContentKey key, String keyUri) {
    if (key == null) {
      throw new IllegalArgumentException("key is missing");
    }
    if (keyUri == null || keyUri.isBlank()) {
      throw new IllegalArgumentException("keyUri is missing");
    }
    if (keyUri.indexOf('"') >= 0 || keyUri.indexOf('\n') >= 0 || keyUri.indexOf('\r') >= 0) {
      // a quoted-string attribute may not contain these (RFC 8216 §4.2)
      throw new IllegalArgumentException("keyUri may not contain quotes or line breaks: " + keyUri);
    }
    this.key = key;
    this.keyUri = keyUri;
  }

  /** The encrypted segment: length rounded up to the next multiple of 16 (PKCS#7 always pads). */
  public byte[] encrypt(byte[] segment, long mediaSequence) {
    return run(Cipher.ENCRYPT_MODE, segment, mediaSequence);
  }

  /** The inverse of {@link #encrypt}, for checks; fails on a wrong key or IV (bad padding). */
  public byte[] decrypt(byte[] encrypted, long mediaSequence) {
    return run(Cipher.DECRYPT_MODE, encrypted, mediaSequence);
  }

  /** Encrypts one segment with an IV the playlist names (EXT-X-KEY IV attribute). */
  public byte[] encrypt(byte[] segment, byte[] iv) {
    return run(Cipher.ENCRYPT_MODE, segment, iv, "with IV");
  }

  /** The inverse of {@link #encrypt(byte[], byte[])}. */
  public byte[] decrypt(byte[] encrypted, byte[] iv) {
    return run(Cipher.DECRYPT_MODE, encrypted, iv, "with IV");
  }

  /** The IV used for the segment with this media sequence number. */
  public byte[] iv(long mediaSequence) {
    if (key.hasExplicitIv()) {
      return key.iv();
    }
    if (mediaSequence < 0) {
      throw new IllegalArgumentException("mediaSequence must be >= 0, got " + mediaSequence);
    }
    byte[] iv = new byte[16];
    long value = mediaSequence;
    for (int i = 15; i >= 8; i--) {
      iv[i] = (byte) value;
      value >>>= 8;
    }
    return iv;
  }

  /**
   * The tag to put before the first segment of the media playlist. It names the IV only when the
   * key has an explicit one; without it players use the media sequence number, as {@link #iv} does.
   */
  public String extXKey() {
    StringBuilder tag =
        new StringBuilder("#EXT-X-KEY:METHOD=AES-128,URI=\"").append(keyUri).append('"');
    if (key.hasExplicitIv()) {
      tag.append(",IV=0x").append(HexFormat.of().withUpperCase().formatHex(key.iv()));
    }
    return tag.toString();
  }

  private byte[] run(int mode, byte[] data, long mediaSequence) {
    return run(mode, data, iv(mediaSequence), String.valueOf(mediaSequence));
  }

  private byte[] run(int mode, byte[] data, byte[] iv, String segment) {
    if (data == null) {
      throw new IllegalArgumentException("segment is missing");
    }
    if (iv == null || iv.length != 16) {
      throw new IllegalArgumentException("iv must be 16 bytes");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(mode, new SecretKeySpec(key.key(), "AES"), new IvParameterSpec(iv));
      return cipher.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "AES-128 "
              + (mode == Cipher.ENCRYPT_MODE ? "encryption" : "decryption")
              + " failed for segment "
              + segment
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
