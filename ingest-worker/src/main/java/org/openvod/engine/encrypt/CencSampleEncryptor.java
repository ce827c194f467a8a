package org.openvod.engine.encrypt;

import java.util.List;
import org.openvod.engine.media.Codec;

/**
 * Common encryption of one track's samples with the 'cenc' scheme (AES-CTR), in decode order.
 *
 * <p>Audio samples are encrypted whole. Video samples (length-prefixed NAL units, as {@link
 * org.openvod.engine.media.Sample} carries them) use subsample encryption (ISO/IEC 23001-7 §10.2):
 * length fields, NAL headers and non-VCL units (parameter sets, SEI) stay clear; of each slice, the
 * first bytes stay clear too (covering the slice header, which players and later cbcs need) and the
 * rest is protected in whole 16-byte blocks, the tail left clear.
 *
 * <p>IVs: the first sample uses {@code firstIv}; an 8-byte IV then grows by one per sample (the low
 * 64 bits of the counter block count blocks inside a sample, so keystreams never overlap); a
 * 16-byte IV grows by the number of blocks the sample used, for the same reason.
 *
 * <p>Not thread-safe: one instance per track, called in decode order.
 */
public final class CencSampleEncryptor implements SampleEncryptor {

  /** Bytes of each slice, after its NAL header, that stay clear. */
  static final int CLEAR_SLICE_LEAD = VideoSubsamples.CLEAR_SLICE_LEAD;

  private final CencCtr ctr;
  private final Codec codec;
  private final byte[] iv;

  private CencSampleEncryptor(ContentKey key, Codec codec, byte[] firstIv) {
    if (firstIv == null || (firstIv.length != 8 && firstIv.length != 16)) {
      throw new IllegalArgumentException("firstIv must be 8 or 16 bytes");
    }
    this.ctr = new CencCtr(key);
    this.codec = codec;
    this.iv = firstIv.clone();
  }

  /** For an H.264 or H.265 track. */
  public static CencSampleEncryptor video(ContentKey key, Codec codec, byte[] firstIv) {
    VideoSubsamples.requireVideo(codec);
    return new CencSampleEncryptor(key, codec, firstIv);
  }

  /** For an audio track (AAC, AC-3, E-AC-3): full-sample encryption. */
  public static CencSampleEncryptor audio(ContentKey key, byte[] firstIv) {
    return new CencSampleEncryptor(key, null, firstIv);
  }

  /** The IV size to declare in the track's {@code tenc} box. */
  public int ivSize() {
    return iv.length;
  }

  @Override
  public EncryptedSample encrypt(byte[] sample) {
    List<Subsample> subsamples = codec == null ? List.of() : subsamples(sample);
    byte[] sampleIv = iv.clone();
    byte[] data = ctr.transform(sample, sampleIv, subsamples);
    long protectedBytes =
        subsamples.isEmpty()
            ? sample.length
            : subsamples.stream().mapToLong(Subsample::protectedBytes).sum();
    advanceIv(iv.length == 8 ? 1 : (protectedBytes + 15) / 16);
    return new EncryptedSample(data, sampleIv, subsamples);
  }

  /** The subsample map of one video sample. */
  List<Subsample> subsamples(byte[] sample) {
    return VideoSubsamples.of(sample, codec);
  }

  /** Adds {@code amount} to the IV as a big-endian integer (wrapping, as a counter does). */
  private void advanceIv(long amount) {
    long add = amount;
    int carry = 0;
    for (int i = iv.length - 1; i >= 0 && (add != 0 || carry != 0); i--) {
      int sum = (iv[i] & 0xff) + (int) (add & 0xff) + carry;
      iv[i] = (byte) sum;
      carry = sum >>> 8;
      add >>>= 8;
    }
  }
}
