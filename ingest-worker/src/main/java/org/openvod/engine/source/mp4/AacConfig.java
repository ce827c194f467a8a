package org.openvod.engine.source.mp4;

import org.openvod.engine.media.PackagingException;

/**
 * The start of an AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1): audio object type, sampling rate
 * and channel configuration, enough for the codec string and the sample entry.
 */
public record AacConfig(int objectType, int sampleRate, int channels) {

  private static final int[] RATES = {
    96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
  };

  public static AacConfig parse(byte[] asc, String where) throws PackagingException {
    if (asc == null || asc.length < 2) {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE, where + ": AudioSpecificConfig too short");
    }
    BitReader bits = new BitReader(asc);
    int objectType = bits.read(5);
    if (objectType == 31) {
      objectType = 32 + bits.read(6);
    }
    int rateIndex = bits.read(4);
    int rate;
    if (rateIndex == 15) {
      rate = bits.read(24);
    } else if (rateIndex < RATES.length) {
      rate = RATES[rateIndex];
    } else {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE,
          where + ": AudioSpecificConfig sampling frequency index " + rateIndex);
    }
    int channels = bits.read(4);
    if (bits.overrun()) {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE, where + ": AudioSpecificConfig truncated");
    }
    return new AacConfig(objectType, rate, channels == 7 ? 8 : channels);
  }

  /** RFC 6381 codec string: mp4a.40.{audio object type}. */
  public String codecString() {
    return "mp4a.40." + objectType;
  }

  /** Reads bits most significant first; past the end it reads zeros and remembers it. */
  private static final class BitReader {
    private final byte[] data;
    private int bit;
    private boolean overrun;

    BitReader(byte[] data) {
      this.data = data;
    }

    int read(int n) {
      int v = 0;
      for (int i = 0; i < n; i++) {
        int index = bit >>> 3;
        int b = 0;
        if (index < data.length) {
          b = (data[index] >>> (7 - (bit & 7))) & 1;
        } else {
          overrun = true;
        }
        v = (v << 1) | b;
        bit++;
      }
      return v;
    }

    boolean overrun() {
      return overrun;
    }
  }
}
