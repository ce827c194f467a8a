package org.openvod.engine.codec;

import java.util.ArrayList;
import java.util.List;

/** H.265 / HEVC: NAL types and the parameter sets of an HEVCDecoderConfigurationRecord. */
public final class H265 {

  public static final int NAL_VPS = 32;
  public static final int NAL_SPS = 33;
  public static final int NAL_PPS = 34;
  public static final int NAL_AUD = 35;

  private H265() {}

  public static int type(byte[] nal) {
    return nal.length == 0 ? -1 : (nal[0] >> 1) & 0x3f;
  }

  /** The VPS, SPS and PPS units of an HEVCDecoderConfigurationRecord, in record order. */
  public static List<byte[]> parameterSets(byte[] hvcc) {
    List<byte[]> units = new ArrayList<>();
    if (hvcc == null || hvcc.length < 23) {
      return units;
    }
    int p = 22;
    int arrays = hvcc[p++] & 0xff;
    for (int a = 0; a < arrays && p + 3 <= hvcc.length; a++) {
      p++; // array_completeness, NAL_unit_type
      int count = ((hvcc[p] & 0xff) << 8) | (hvcc[p + 1] & 0xff);
      p += 2;
      for (int i = 0; i < count && p + 2 <= hvcc.length; i++) {
        int length = ((hvcc[p] & 0xff) << 8) | (hvcc[p + 1] & 0xff);
        p += 2;
        if (p + length > hvcc.length) {
          return units;
        }
        byte[] unit = new byte[length];
        System.arraycopy(hvcc, p, unit, 0, length);
        units.add(unit);
        p += length;
      }
    }
    return units;
  }
}
