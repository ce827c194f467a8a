package org.openvod.engine.encrypt;

import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.media.Codec;

/**
 * The subsample map of a video sample (length-prefixed NAL units) for common encryption (ISO/IEC
 * 23001-7 §10.2, §10.4): length fields, NAL headers and non-VCL units (parameter sets, SEI) stay
 * clear; of each slice, the first bytes stay clear too (covering the slice header, which players
 * and the cbcs scheme need clear) and the rest is protected in whole 16-byte blocks, the tail left
 * clear. The same map serves 'cenc' (CTR over the protected ranges) and 'cbcs' (the 1:9 pattern
 * over them).
 */
final class VideoSubsamples {

  /** Bytes of each slice, after its NAL header, that stay clear. */
  static final int CLEAR_SLICE_LEAD = 32;

  private static final int NAL_LENGTH_SIZE = 4;

  private VideoSubsamples() {}

  static void requireVideo(Codec codec) {
    if (codec != Codec.H264 && codec != Codec.H265) {
      throw new IllegalArgumentException("video codec must be H264 or H265, got " + codec);
    }
  }

  static List<Subsample> of(byte[] sample, Codec codec) {
    List<Subsample> out = new ArrayList<>();
    long clear = 0;
    int position = 0;
    int headerSize = codec == Codec.H265 ? 2 : 1;
    while (position < sample.length) {
      if (position + NAL_LENGTH_SIZE > sample.length) {
        throw new IllegalArgumentException("truncated NAL length at byte " + position);
      }
      long nalSize = 0;
      for (int i = 0; i < NAL_LENGTH_SIZE; i++) {
        nalSize = (nalSize << 8) | (sample[position + i] & 0xff);
      }
      int nalStart = position + NAL_LENGTH_SIZE;
      if (nalSize == 0 || nalStart + nalSize > sample.length) {
        throw new IllegalArgumentException(
            "NAL unit at byte " + position + " has length " + nalSize + " past the sample end");
      }
      long unitSize = NAL_LENGTH_SIZE + nalSize;
      long lead = NAL_LENGTH_SIZE + headerSize + CLEAR_SLICE_LEAD;
      long protectedBytes =
          isVcl(sample[nalStart], codec) ? Math.max(0, (unitSize - lead) / 16 * 16) : 0;
      if (protectedBytes == 0) {
        clear += unitSize;
      } else {
        clear = flushClear(out, clear + lead);
        out.add(new Subsample((int) clear, protectedBytes));
        // the part of the slice that does not fill a whole block opens the next entry
        clear = unitSize - lead - protectedBytes;
      }
      position = (int) (nalStart + nalSize);
    }
    clear = flushClear(out, clear);
    if (clear > 0 || out.isEmpty()) {
      out.add(new Subsample((int) clear, 0));
    }
    return out;
  }

  /** Emits clear-only entries until the rest fits the 16-bit field; returns the rest. */
  private static long flushClear(List<Subsample> out, long clear) {
    while (clear > Subsample.MAX_CLEAR) {
      out.add(new Subsample(Subsample.MAX_CLEAR, 0));
      clear -= Subsample.MAX_CLEAR;
    }
    return clear;
  }

  private static boolean isVcl(byte header, Codec codec) {
    if (codec == Codec.H265) {
      return ((header >> 1) & 0x3f) < 32;
    }
    int type = header & 0x1f;
    return type >= 1 && type <= 5;
  }
}
