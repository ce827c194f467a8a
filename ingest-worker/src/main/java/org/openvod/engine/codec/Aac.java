package org.openvod.engine.codec;

/** AAC: ADTS headers, AudioSpecificConfig, RFC 6381 strings. */
public final class Aac {

  public static final int SAMPLES_PER_FRAME = 1024;

  private static final int[] SAMPLE_RATES = {
    96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
  };

  private Aac() {}

  /**
   * One ADTS header.
   *
   * @param objectType audio object type (profile + 1), 2 = AAC LC
   * @param frameLength whole frame, header included
   */
  public record Adts(
      int objectType,
      int sampleRateIndex,
      int channelConfig,
      int headerLength,
      int frameLength,
      int rawBlocks) {

    public int sampleRate() {
      return SAMPLE_RATES[sampleRateIndex];
    }

    /** The 2-byte AudioSpecificConfig for this stream. */
    public byte[] audioSpecificConfig() {
      return new byte[] {
        (byte) ((objectType << 3) | (sampleRateIndex >> 1)),
        (byte) (((sampleRateIndex & 1) << 7) | (channelConfig << 3))
      };
    }

    public String codecString() {
      return "mp4a.40." + objectType;
    }
  }

  /** The ADTS header at {@code offset}, or null when there is no valid one. */
  public static Adts parseAdts(byte[] data, int offset, int limit) {
    if (offset + 7 > limit) {
      return null;
    }
    if ((data[offset] & 0xff) != 0xff || (data[offset + 1] & 0xf6) != 0xf0) {
      return null;
    }
    boolean protectionAbsent = (data[offset + 1] & 1) == 1;
    int profile = (data[offset + 2] >> 6) & 3;
    int rateIndex = (data[offset + 2] >> 2) & 0xf;
    int channels = ((data[offset + 2] & 1) << 2) | ((data[offset + 3] >> 6) & 3);
    int length =
        ((data[offset + 3] & 3) << 11)
            | ((data[offset + 4] & 0xff) << 3)
            | ((data[offset + 5] >> 5) & 7);
    int rawBlocks = data[offset + 6] & 3;
    int header = protectionAbsent ? 7 : 9;
    if (rateIndex >= SAMPLE_RATES.length || length < header) {
      return null;
    }
    return new Adts(profile + 1, rateIndex, channels, header, length, rawBlocks);
  }

  /** An ADTS header (no CRC) for a raw frame of {@code payloadLength} bytes. */
  public static byte[] adtsHeader(byte[] audioSpecificConfig, int payloadLength) {
    int objectType = (audioSpecificConfig[0] >> 3) & 0x1f;
    int rateIndex = ((audioSpecificConfig[0] & 7) << 1) | ((audioSpecificConfig[1] >> 7) & 1);
    int channels = (audioSpecificConfig[1] >> 3) & 0xf;
    int length = payloadLength + 7;
    // HE-AAC (SBR, PS) travels in ADTS as its AAC LC core with implicit signalling
    int profile =
        objectType == 5 || objectType == 29 ? 1 : Math.max(0, Math.min(3, objectType - 1));
    return new byte[] {
      (byte) 0xff,
      (byte) 0xf1,
      (byte) ((profile << 6) | (rateIndex << 2) | ((channels >> 2) & 1)),
      (byte) (((channels & 3) << 6) | ((length >> 11) & 3)),
      (byte) ((length >> 3) & 0xff),
      (byte) (((length & 7) << 5) | 0x1f),
      (byte) 0xfc
    };
  }
}
