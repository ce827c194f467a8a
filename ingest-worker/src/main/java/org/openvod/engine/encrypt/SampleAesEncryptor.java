package org.openvod.engine.encrypt;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openvod.engine.codec.Ac3;
import org.openvod.engine.media.Codec;

/**
 * Apple's SAMPLE-AES ("MPEG-2 Stream Encryption Format for HTTP Live Streaming", the FairPlay TS
 * format): AES-128-CBC without padding inside each protected block, the IV reset to the segment's
 * IV at the start of every block.
 *
 * <ul>
 *   <li>H.264: NAL units of type 1 and 5 only, as they are in the stream (emulation prevention
 *       applied). The type byte and 31 more bytes stay clear, then one 16-byte block is encrypted
 *       and up to 144 bytes (nine blocks) left clear, repeated, a last block of 16 bytes or fewer
 *       always clear (so units of 48 bytes or fewer stay clear). Cipher text can contain start
 *       codes, so the encrypted unit is escaped once more; a player removes that escaping,
 *       decrypts, and has the unit as it was. (This is how ffmpeg's decryptor and Shaka Packager
 *       read the spec: ffmpeg hands the decrypted unit to the decoder without escaping it again.)
 *   <li>AAC (raw frames, the ADTS header is added later and stays clear), AC-3 and E-AC-3 (per sync
 *       frame): 16 clear bytes, then every whole 16-byte block encrypted, the tail clear.
 * </ul>
 *
 * <p>Not thread-safe (one cipher per instance): one instance per muxed stream.
 */
public final class SampleAesEncryptor {

  /** The clear bytes at the start of a video NAL unit, type byte included. */
  static final int VIDEO_LEADER = 32;

  /** The clear bytes at the start of an audio frame (after the ADTS header). */
  static final int AUDIO_LEADER = 16;

  /** Clear bytes after each encrypted video block: the 1:9 pattern. */
  static final int VIDEO_SKIP = 144;

  private static final int NAL_LENGTH_SIZE = 4;
  private static final int BLOCK = 16;

  private final SecretKeySpec key;
  private final Codec codec;
  private final Cipher cipher;

  /**
   * @param codec H264, AAC, AC3 or EAC3; anything else is refused (H.265 has no SAMPLE-AES TS
   *     format that players agree on)
   */
  public SampleAesEncryptor(ContentKey key, Codec codec) {
    if (!supports(codec)) {
      throw new IllegalArgumentException("SAMPLE-AES cannot encrypt " + codec);
    }
    this.key = new SecretKeySpec(key.key(), "AES");
    this.codec = codec;
    try {
      this.cipher = Cipher.getInstance("AES/CBC/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC is missing from this JVM", e);
    }
  }

  /** Codecs with a SAMPLE-AES format in TS (stream types 0xdb, 0xcf, 0xc1, 0xc2). */
  public static boolean supports(Codec codec) {
    return codec == Codec.H264 || codec == Codec.AAC || codec == Codec.AC3 || codec == Codec.EAC3;
  }

  /**
   * The encrypted copy of one sample as {@link org.openvod.engine.media.Sample} carries it
   * (length-prefixed NAL units for H.264, which may grow by emulation prevention bytes; raw frames
   * for AAC; sync frames for AC-3 and E-AC-3, same length).
   */
  public byte[] encrypt(byte[] sample, byte[] iv) {
    if (iv == null || iv.length != BLOCK) {
      throw new IllegalArgumentException("iv must be 16 bytes");
    }
    return switch (codec) {
      case H264 -> video(sample, iv);
      case AAC -> {
        byte[] out = sample.clone();
        audioFrame(out, 0, out.length, iv);
        yield out;
      }
      default -> syncFrames(sample, iv);
    };
  }

  private byte[] video(byte[] sample, byte[] iv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sample.length + sample.length / 64 + 16);
    int p = 0;
    while (p + NAL_LENGTH_SIZE <= sample.length) {
      int n =
          ((sample[p] & 0xff) << 24)
              | ((sample[p + 1] & 0xff) << 16)
              | ((sample[p + 2] & 0xff) << 8)
              | (sample[p + 3] & 0xff);
      p += NAL_LENGTH_SIZE;
      if (n < 0 || p + n > sample.length) {
        throw new IllegalArgumentException("NAL length " + n + " runs past the sample");
      }
      int type = n == 0 ? -1 : sample[p] & 0x1f;
      byte[] unit;
      if ((type == 1 || type == 5) && n > VIDEO_LEADER + BLOCK) {
        byte[] nal = Arrays.copyOfRange(sample, p, p + n);
        protectNal(nal, iv);
        unit = EmulationPrevention.escape(nal);
      } else {
        unit = Arrays.copyOfRange(sample, p, p + n);
      }
      out.write(unit.length >>> 24);
      out.write(unit.length >>> 16);
      out.write(unit.length >>> 8);
      out.write(unit.length);
      out.writeBytes(unit);
      p += n;
    }
    return out.toByteArray();
  }

  /** The 1:9 pattern over one NAL unit, in place. */
  private void protectNal(byte[] nal, byte[] iv) {
    init(iv);
    int p = VIDEO_LEADER;
    int remaining = nal.length - VIDEO_LEADER;
    while (remaining > 0) {
      if (remaining > BLOCK) {
        // update() carries the CBC chain from one encrypted block to the next
        byte[] block = cipher.update(nal, p, BLOCK);
        System.arraycopy(block, 0, nal, p, BLOCK);
        p += BLOCK;
        remaining -= BLOCK;
      }
      int skip = Math.min(VIDEO_SKIP, remaining);
      p += skip;
      remaining -= skip;
    }
  }

  /** AC-3 / E-AC-3: each sync frame of the sample is a protected block of its own. */
  private byte[] syncFrames(byte[] sample, byte[] iv) {
    byte[] out = sample.clone();
    int p = 0;
    while (p < out.length) {
      Ac3.SyncFrame frame = Ac3.parse(out, p, out.length);
      int length =
          frame == null || frame.length() <= 0
              ? out.length - p
              : Math.min(frame.length(), out.length - p);
      audioFrame(out, p, length, iv);
      p += length;
    }
    return out;
  }

  /** 16 clear bytes, every whole block after them encrypted, the tail clear; in place. */
  private void audioFrame(byte[] data, int from, int length, byte[] iv) {
    int blocks = (length - AUDIO_LEADER) / BLOCK;
    if (blocks <= 0) {
      return;
    }
    init(iv);
    int start = from + AUDIO_LEADER;
    byte[] encrypted = cipher.update(data, start, blocks * BLOCK);
    System.arraycopy(encrypted, 0, data, start, encrypted.length);
  }

  private void init(byte[] iv) {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC init failed: " + e.getMessage(), e);
    }
  }
}
