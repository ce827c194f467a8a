package org.openvod.engine.encrypt;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The IV of one HLS segment (EXT-X-KEY IV attribute) for AES-128 and SAMPLE-AES.
 *
 * <p>The configuration's constantInitializationVector when it has one, else, as MediaPackage does
 * without one, an IV that rotates: a new one for every segment. (A key server's explicit IV is not
 * used here: the built-in one returns one for every key, and rotation would never happen.) A
 * rotating IV is derived, not drawn at random, so packaging the same source twice gives the same
 * bytes: the first 16 bytes of SHA-256 over the key id and the segment number (big-endian 64 bits).
 * It is written into the playlist, so players need no rule to find it; it only has to differ from
 * segment to segment and be unpredictable without the key id, which a hash of both gives.
 */
public final class HlsSegmentIv {

  private HlsSegmentIv() {}

  /**
   * @param constantIv the configuration's constantInitializationVector (16 bytes) or null
   * @param segment the segment's number in its media playlist, from 0
   */
  public static byte[] of(byte[] constantIv, ContentKey key, long segment) {
    if (constantIv != null) {
      if (constantIv.length != 16) {
        throw new IllegalArgumentException("constant IV must be 16 bytes");
      }
      return constantIv.clone();
    }
    if (segment < 0) {
      throw new IllegalArgumentException("segment must be >= 0, got " + segment);
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(key.keyId());
      sha.update(ByteBuffer.allocate(8).putLong(segment).array());
      byte[] iv = new byte[16];
      System.arraycopy(sha.digest(), 0, iv, 0, 16);
      return iv;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
