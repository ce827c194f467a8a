package org.openvod.engine.encrypt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The boxes that carry a fragment's sample encryption information (ISO/IEC 23001-7 §7, ISO/IEC
 * 14496-12 §8.7.8-9): {@code senc} holds each sample's IV and subsample map; {@code saiz} and
 * {@code saio} describe the same bytes as auxiliary information (sizes and where they start), for
 * players that read those instead.
 */
public final class CencBoxes {

  /** Bytes from the start of a senc box to its first IV: the offset {@link #saio} must add. */
  public static final int SENC_HEADER = 16;

  private CencBoxes() {}

  /** The {@code senc} box; flag 0x2 (subsamples) is set when any sample has a subsample map. */
  public static byte[] senc(List<EncryptedSample> samples) {
    boolean subsampled = samples.stream().anyMatch(s -> !s.subsamples().isEmpty());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ByteBuffer.allocate(8).putInt(subsampled ? 2 : 0).putInt(samples.size()).array());
    for (EncryptedSample s : samples) {
      body.writeBytes(s.iv());
      if (subsampled) {
        body.writeBytes(ByteBuffer.allocate(2).putShort((short) s.subsamples().size()).array());
        for (Subsample sub : s.subsamples()) {
          body.writeBytes(
              ByteBuffer.allocate(6)
                  .putShort((short) sub.clearBytes())
                  .putInt((int) sub.protectedBytes())
                  .array());
        }
      }
    }
    return box("senc", body.toByteArray());
  }

  /**
   * The {@code saiz} box: one default size when every sample's information is the same size (full
   * sample encryption), else a size per sample. Must describe the same samples as {@link #senc}.
   */
  public static byte[] saiz(List<EncryptedSample> samples) {
    boolean subsampled = samples.stream().anyMatch(s -> !s.subsamples().isEmpty());
    int[] sizes = samples.stream().mapToInt(s -> auxSize(s, subsampled)).toArray();
    // a default size of 0 means "sizes follow" (ISO/IEC 14496-12 §8.7.8), so zero-size
    // information (cbcs audio: constant IV, no subsamples) needs the table
    boolean uniform =
        sizes.length > 0
            && sizes[0] != 0
            && java.util.Arrays.stream(sizes).allMatch(v -> v == sizes[0]);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[4]); // version 0, flags 0: aux_info_type implied by the scheme
    for (int size : sizes) {
      if (size > 255) {
        throw new IllegalArgumentException("a sample's encryption information exceeds 255 bytes");
      }
    }
    body.write(uniform ? sizes[0] : 0);
    body.writeBytes(ByteBuffer.allocate(4).putInt(sizes.length).array());
    if (!uniform) {
      for (int size : sizes) {
        body.write(size);
      }
    }
    return box("saiz", body.toByteArray());
  }

  /**
   * The {@code saio} box with one offset: where the first sample's information starts, i.e. the
   * senc box's position plus {@link #SENC_HEADER}, counted from the file start (in a moov) or from
   * the moof (in a traf of a fragment with default-base-is-moof).
   */
  public static byte[] saio(long offset) {
    boolean wide = offset > 0xFFFF_FFFFL;
    ByteBuffer body = ByteBuffer.allocate(8 + (wide ? 8 : 4));
    body.putInt(wide ? 0x0100_0000 : 0).putInt(1);
    if (wide) {
      body.putLong(offset);
    } else {
      body.putInt((int) offset);
    }
    return box("saio", body.array());
  }

  /** PIFF 1.1 SampleEncryptionBox extended type (a2394f52-5a9b-4f14-a244-6c427c648df4). */
  public static final byte[] PIFF_SAMPLE_ENCRYPTION = {
    (byte) 0xa2,
    0x39,
    0x4f,
    0x52,
    0x5a,
    (byte) 0x9b,
    0x4f,
    0x14,
    (byte) 0xa2,
    0x44,
    0x6c,
    0x42,
    0x7c,
    0x64,
    (byte) 0x8d,
    (byte) 0xf4
  };

  /**
   * The PIFF 1.1 sample encryption box (Smooth Streaming): a {@code uuid} box whose payload is the
   * senc payload (version, flags with 0x2 for subsamples, count, per sample IV and subsamples), the
   * IV size and KID taken from the track's defaults (flag 0x1 unset).
   */
  public static byte[] piff(List<EncryptedSample> samples) {
    byte[] senc = senc(samples);
    return ByteBuffer.allocate(senc.length + 16)
        .putInt(senc.length + 16)
        .put("uuid".getBytes(StandardCharsets.US_ASCII))
        .put(PIFF_SAMPLE_ENCRYPTION)
        .put(senc, 8, senc.length - 8)
        .array();
  }

  /** The senc entry of one sample is its IV, then (in a subsampled senc) count and entries. */
  private static int auxSize(EncryptedSample s, boolean subsampled) {
    return s.iv().length + (subsampled ? 2 + 6 * s.subsamples().size() : 0);
  }

  private static byte[] box(String type, byte[] body) {
    return ByteBuffer.allocate(8 + body.length)
        .putInt(8 + body.length)
        .put(type.getBytes(StandardCharsets.US_ASCII))
        .put(body)
        .array();
  }
}
