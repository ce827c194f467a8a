package org.openvod.engine.encrypt;

/**
 * How one output is encrypted. An output without one ({@code OutputSpec.encryption() == null}) is
 * clear.
 *
 * @param mode the scheme; must suit the output format (AES_128/SAMPLE_AES for HLS-TS, CBCS for
 *     CMAF, CENC for DASH and MSS)
 * @param keys the key of each track
 * @param constantIv a 16-byte IV for every segment / sample (constantInitializationVector), or null
 *     for IVs the engine derives (HLS: one per segment; cenc: per sample)
 */
public record EncryptionSpec(EncryptionMode mode, KeyAssignment keys, byte[] constantIv) {

  public EncryptionSpec {
    if (mode == null) {
      throw new IllegalArgumentException("encryption mode is missing");
    }
    if (keys == null) {
      throw new IllegalArgumentException("key assignment is missing");
    }
    if (constantIv != null && constantIv.length != 16) {
      throw new IllegalArgumentException(
          "constantInitializationVector must be 16 bytes, got " + constantIv.length);
    }
    constantIv = constantIv == null ? null : constantIv.clone();
  }

  @Override
  public byte[] constantIv() {
    return constantIv == null ? null : constantIv.clone();
  }
}
