package org.openvod.engine.encrypt;

import java.util.List;

/**
 * A sample after common encryption, with what its fragment's {@code senc}/{@code saiz}/{@code saio}
 * boxes must say about it.
 *
 * @param data the encrypted sample, same length as the clear one
 * @param iv the per-sample IV (8 or 16 bytes, the track's {@code tenc} Per_Sample_IV_Size)
 * @param subsamples the clear/protected map; empty for full-sample encryption (audio)
 */
public record EncryptedSample(byte[] data, byte[] iv, List<Subsample> subsamples) {

  public EncryptedSample {
    subsamples = List.copyOf(subsamples);
  }
}
