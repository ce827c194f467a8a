package org.openvod.engine.encrypt;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One content key as a key server hands it out.
 *
 * @param keyId the 16-byte key id (KID) players use to ask for the key
 * @param key the 16-byte AES-128 key
 * @param iv a 16-byte explicit initialization vector, or null when the packager derives IVs
 */
public record ContentKey(byte[] keyId, byte[] key, byte[] iv) {

  public ContentKey {
    requireLength("keyId", keyId, 16);
    requireLength("key", key, 16);
    if (iv != null) {
      requireLength("iv", iv, 16);
    }
    // defensive copies: a record of arrays is only immutable if nobody else holds them
    keyId = keyId.clone();
    key = key.clone();
    iv = iv == null ? null : iv.clone();
  }

  /** From hex strings (32 hex digits each; {@code ivHex} may be null). */
  public static ContentKey ofHex(String keyIdHex, String keyHex, String ivHex) {
    return new ContentKey(
        hex("keyId", keyIdHex), hex("key", keyHex), ivHex == null ? null : hex("iv", ivHex));
  }

  @Override
  public byte[] keyId() {
    return keyId.clone();
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public byte[] iv() {
    return iv == null ? null : iv.clone();
  }

  public boolean hasExplicitIv() {
    return iv != null;
  }

  /** The key id as a UUID, the form CPIX and DASH ContentProtection use. */
  public UUID keyIdUuid() {
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (keyId[i] & 0xff);
      low = (low << 8) | (keyId[i + 8] & 0xff);
    }
    return new UUID(high, low);
  }

  /** The 16 bytes of a UUID, big-endian. */
  public static byte[] uuidBytes(UUID uuid) {
    byte[] out = new byte[16];
    long high = uuid.getMostSignificantBits();
    long low = uuid.getLeastSignificantBits();
    for (int i = 7; i >= 0; i--) {
      out[i] = (byte) high;
      out[i + 8] = (byte) low;
      high >>>= 8;
      low >>>= 8;
    }
    return out;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ContentKey k
        && Arrays.equals(keyId, k.keyId)
        && Arrays.equals(key, k.key)
        && Arrays.equals(iv, k.iv);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(keyId) + Arrays.hashCode(key)) + Arrays.hashCode(iv);
  }

  /** Never prints the key itself: records end up in logs and exception messages. */
  @Override
  public String toString() {
    return "ContentKey[kid="
        + keyIdUuid()
        + (iv == null ? "" : ", iv=" + HexFormat.of().formatHex(iv))
        + "]";
  }

  private static void requireLength(String field, byte[] value, int length) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    if (value.length != length) {
      throw new IllegalArgumentException(
          field + " must be " + length + " bytes, got " + value.length);
    }
  }

  private static byte[] hex(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    String digits = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
    try {
      return HexFormat.of().parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not hex: " + value, e);
    }
  }
}
