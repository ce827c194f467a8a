package org.openvod.engine.encrypt;

import java.util.ArrayList;
import java.util.List;

/**
 * What a fragment's {@code senc} must say about one encrypted sample: its IV and subsample map. The
 * encryptor stage attaches it to a {@link org.openvod.engine.media.Sample}; muxers copy it into
 * their boxes and never see a key.
 *
 * @param iv the per-sample IV (8 or 16 bytes), or empty when the track uses a constant IV (cbcs)
 * @param subsamples the clear/protected map; empty for full-sample encryption (audio)
 */
public record SampleEncryption(byte[] iv, List<Subsample> subsamples) {

  public SampleEncryption {
    iv = iv == null ? new byte[0] : iv.clone();
    subsamples = List.copyOf(subsamples);
  }

  public static SampleEncryption of(EncryptedSample sample) {
    return new SampleEncryption(sample.iv(), sample.subsamples());
  }

  @Override
  public byte[] iv() {
    return iv.clone();
  }

  /**
   * The map of the same sample after {@code bytes} clear bytes were put in front of it (a muxer
   * that adds in-band parameter sets before the first NAL unit).
   *
   * @param sampleLength the sample's length before the bytes were added
   */
  public SampleEncryption withLeadingClear(int bytes, int sampleLength) {
    if (bytes == 0) {
      return this;
    }
    List<Subsample> out = new ArrayList<>();
    if (subsamples.isEmpty()) {
      addClear(out, bytes, sampleLength);
      return new SampleEncryption(iv, out);
    }
    Subsample first = subsamples.get(0);
    if ((long) first.clearBytes() + bytes <= Subsample.MAX_CLEAR) {
      out.add(new Subsample(first.clearBytes() + bytes, first.protectedBytes()));
    } else {
      addClear(out, bytes, 0);
      out.add(first);
    }
    out.addAll(subsamples.subList(1, subsamples.size()));
    return new SampleEncryption(iv, out);
  }

  /** Clear-only entries for {@code clear} bytes, the last one followed by {@code protect}. */
  private static void addClear(List<Subsample> out, long clear, long protect) {
    while (clear > Subsample.MAX_CLEAR) {
      out.add(new Subsample(Subsample.MAX_CLEAR, 0));
      clear -= Subsample.MAX_CLEAR;
    }
    out.add(new Subsample((int) clear, protect));
  }
}
