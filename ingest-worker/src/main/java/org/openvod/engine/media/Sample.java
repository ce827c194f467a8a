package org.openvod.engine.media;

import org.openvod.engine.encrypt.SampleEncryption;

/**
 * One access unit.
 *
 * <p>Video data is length-prefixed NAL units (4-byte big-endian lengths, as in MP4), without access
 * unit delimiters; parameter sets may appear in-band. Muxers that need Annex B (TS) or in-band
 * parameter sets convert. AAC data is raw (no ADTS header).
 *
 * @param dts decode time in the track's timescale
 * @param pts presentation time in the track's timescale
 * @param duration in the track's timescale (0 when the demuxer cannot know it yet)
 * @param keyframe true for a random access point (IDR for video; every audio frame)
 * @param encryption null for a clear sample; for a sample the encryptor stage encrypted, what its
 *     fragment's senc must say (muxers copy it, and never see a key)
 */
public record Sample(
    int trackId,
    long dts,
    long pts,
    long duration,
    boolean keyframe,
    byte[] data,
    SampleEncryption encryption) {

  /** A clear sample. */
  public Sample(int trackId, long dts, long pts, long duration, boolean keyframe, byte[] data) {
    this(trackId, dts, pts, duration, keyframe, data, null);
  }

  /** The same sample with other (encrypted) bytes and their encryption information. */
  public Sample encrypted(byte[] encryptedData, SampleEncryption sampleEncryption) {
    return new Sample(trackId, dts, pts, duration, keyframe, encryptedData, sampleEncryption);
  }
}
