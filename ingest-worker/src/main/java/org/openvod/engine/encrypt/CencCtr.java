package org.openvod.engine.encrypt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 'cenc' scheme's transform (ISO/IEC 23001-7 §9.5.2): AES-128-CTR over the protected ranges of
 * a sample, the ranges read as one continuous stream so the keystream runs on across clear gaps.
 * The counter block is an 8-byte IV followed by a 64-bit block counter starting at 0, or the
 * 16-byte IV itself. CTR is its own inverse, so this both encrypts and decrypts.
 *
 * <p>The keystream is made here, as AES-CTR defines it: the counter blocks of the whole sample (the
 * 128-bit big-endian counter incremented per block), encrypted in one AES-ECB call, then XORed over
 * the protected ranges. The JDK's own AES/CTR cipher gives the same bytes but, in a fresh JVM, ran
 * its per-byte Java loop (about 0.5 GB/s here) for most of a 300 s pass before its compiled fast
 * path took over; ECB and the XOR loop below are fast almost from the start.
 *
 * <p>Not thread-safe: it keeps one cipher and its buffers.
 */
public final class CencCtr {

  private static final int BLOCK = 16;

  /** Big-endian longs in a byte array: a counter block is two of them. */
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final Cipher ecb;
  private byte[] counters = new byte[0];
  private byte[] keystream = new byte[0];

  public CencCtr(ContentKey key) {
    try {
      this.ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.key(), "AES"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable: " + e.getMessage(), e);
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
    long protectedBytes = sample.length;
    if (!subsamples.isEmpty()) {
      protectedBytes = 0;
      long position = 0;
      for (Subsample s : subsamples) {
        position += s.clearBytes();
        if (position + s.protectedBytes() > sample.length) {
          break;
        }
        position += s.protectedBytes();
        protectedBytes += s.protectedBytes();
      }
      if (position != sample.length) {
        throw new IllegalArgumentException(
            "subsamples cover " + position + " bytes of a " + sample.length + "-byte sample");
      }
    }
    byte[] out = sample.clone();
    if (protectedBytes == 0) {
      return out;
    }
    byte[] stream = keystream(iv, (int) ((protectedBytes + BLOCK - 1) / BLOCK));
    if (subsamples.isEmpty()) {
      xor(sample, 0, stream, 0, out, sample.length);
      return out;
    }
    int position = 0;
    int used = 0;
    for (Subsample s : subsamples) {
      position += s.clearBytes();
      int length = (int) s.protectedBytes();
      xor(sample, position, stream, used, out, length);
      position += length;
      used += length;
    }
    return out;
  }

  /** {@code blocks} blocks of keystream from the counter block the IV starts. */
  private byte[] keystream(byte[] iv, int blocks) {
    int bytes = blocks * BLOCK;
    if (counters.length < bytes) {
      int size = Math.max(bytes, counters.length * 2);
      counters = new byte[size];
      keystream = new byte[size];
    }
    byte[] first = new byte[BLOCK];
    System.arraycopy(iv, 0, first, 0, iv.length);
    // the 128-bit counter as two longs: the low one carries into the high one when it wraps
    long high = (long) LONG.get(first, 0);
    long low = (long) LONG.get(first, 8);
    for (int b = 0; b < blocks; b++) {
      LONG.set(counters, b * BLOCK, high);
      LONG.set(counters, b * BLOCK + 8, low);
      if (++low == 0) {
        high++;
      }
    }
    try {
      int done = ecb.update(counters, 0, bytes, keystream, 0);
      if (done != bytes) {
        throw new IllegalStateException("AES-ECB returned " + done + " of " + bytes + " bytes");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-ECB failed: " + e.getMessage(), e);
    }
    return keystream;
  }

  /** 8 bytes at a time (fast before the JIT's vectorised loop exists too), then the tail. */
  private static void xor(byte[] in, int at, byte[] stream, int from, byte[] out, int length) {
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      LONG.set(out, at + i, (long) LONG.get(in, at + i) ^ (long) LONG.get(stream, from + i));
    }
    for (; i < length; i++) {
      out[at + i] = (byte) (in[at + i] ^ stream[from + i]);
    }
  }
}
