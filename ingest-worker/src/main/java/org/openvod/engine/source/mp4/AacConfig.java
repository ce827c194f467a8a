package org.openvod.engine.source.mp4;

import org.openvod.engine.media.PackagingException;

/**
 * The start of an AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1): audio object type, sampling rate
 * and channel configuration, enough for the codec string and the sample entry. For HE-AAC signalled
 * explicitly (object type 5 or 29) the rate is the output (extension) rate, as manifests announce
 * it; HE-AAC v2 decodes to stereo from a mono core.
 */
public record AacConfig(int objectType, int sampleRate, int channels) {

  /** Audio object types of HE-AAC (SBR) and HE-AAC v2 (SBR + parametric stereo). */
  static final int SBR = 5;

  static final int PS = 29;

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
    if (objectType == SBR || objectType == PS) {
      // explicit HE-AAC signalling (1.6.5.2): the decoder outputs the extension rate, twice the
      // core
      int extensionIndex = bits.read(4);
      if (extensionIndex == 15) {
        rate = bits.read(24);
      } else if (extensionIndex < RATES.length) {
        rate = RATES[extensionIndex];
      }
    }
    if (bits.overrun()) {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE, where + ": AudioSpecificConfig truncated");
    }
    if (objectType == PS && channels == 1) {
      channels = 2;
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
