package org.openvod.engine.encrypt;

/** How an output is encrypted, one value per MediaPackage encryption setting. */
public enum EncryptionMode {
  /** HLS-TS: whole segments with AES-128-CBC (RFC 8216 §5.2), METHOD=AES-128. */
  AES_128,
  /** HLS-TS: H.264 NAL units, AAC and AC-3 frames encrypted inside TS (Apple SAMPLE-AES). */
  SAMPLE_AES,
  /** DASH and MSS: ISO/IEC 23001-7 'cenc' (AES-CTR, subsample encryption of video). */
  CENC,
  /** CMAF (HLS fMP4): ISO/IEC 23001-7 'cbcs' (AES-CBC, 1:9 pattern for video, constant IV). */
  CBCS
}
