package org.openvod.engine.codec;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;

/** H.264 / AVC: NAL types, SPS parsing, the AVCDecoderConfigurationRecord, RFC 6381 strings. */
public final class H264 {

  public static final int NAL_SLICE = 1;
  public static final int NAL_IDR = 5;
  public static final int NAL_SEI = 6;
  public static final int NAL_SPS = 7;
  public static final int NAL_PPS = 8;
  public static final int NAL_AUD = 9;

  private static final Set<Integer> HIGH_PROFILES =
      Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135);

  private H264() {}

  public static int type(byte[] nal) {
    return nal.length == 0 ? -1 : nal[0] & 0x1f;
  }

  /** What a sequence parameter set says about the picture. */
  public record Sps(
      int id,
      int profileIdc,
      int constraintFlags,
      int levelIdc,
      int chromaFormatIdc,
      int bitDepthLumaMinus8,
      int bitDepthChromaMinus8,
      int width,
      int height,
      double frameRate,
      ColourDescription colour) {

    /** RFC 6381 {@code avc1.PPCCLL}. */
    public String codecString() {
      return String.format("avc1.%02x%02x%02x", profileIdc, constraintFlags, levelIdc);
    }
  }

  public static Sps parseSps(byte[] nal) {
    byte[] rbsp = Nal.unescape(nal);
    BitReader r = new BitReader(rbsp, 1, rbsp.length - 1);
    int profile = r.u(8);
    int constraints = r.u(8);
    int level = r.u(8);
    int id = r.ue();
    int chroma = 1;
    int depthLuma = 0;
    int depthChroma = 0;
    boolean separatePlanes = false;
    if (HIGH_PROFILES.contains(profile)) {
      chroma = r.ue();
      if (chroma == 3) {
        separatePlanes = r.flag();
      }
      depthLuma = r.ue();
      depthChroma = r.ue();
      r.skip(1); // qpprime_y_zero_transform_bypass_flag
      if (r.flag()) {
        int lists = chroma != 3 ? 8 : 12;
        for (int i = 0; i < lists; i++) {
          if (r.flag()) {
            skipScalingList(r, i < 6 ? 16 : 64);
          }
        }
      }
    }
    r.ue(); // log2_max_frame_num_minus4
    int pocType = r.ue();
    if (pocType == 0) {
      r.ue();
    } else if (pocType == 1) {
      r.skip(1);
      r.se();
      r.se();
      int cycle = r.ue();
      for (int i = 0; i < cycle; i++) {
        r.se();
      }
    }
    r.ue(); // max_num_ref_frames
    r.skip(1); // gaps_in_frame_num_value_allowed_flag
    int widthMbs = r.ue() + 1;
    int heightUnits = r.ue() + 1;
    boolean frameMbsOnly = r.flag();
    if (!frameMbsOnly) {
      r.skip(1);
    }
    r.skip(1); // direct_8x8_inference_flag
    int cropLeft = 0;
    int cropRight = 0;
    int cropTop = 0;
    int cropBottom = 0;
    if (r.flag()) {
      cropLeft = r.ue();
      cropRight = r.ue();
      cropTop = r.ue();
      cropBottom = r.ue();
    }
    int arrayType = separatePlanes ? 0 : chroma;
    int subWidth = arrayType == 1 || arrayType == 2 ? 2 : 1;
    int subHeight = arrayType == 1 ? 2 : 1;
    int cropUnitX = arrayType == 0 ? 1 : subWidth;
    int cropUnitY = (arrayType == 0 ? 1 : subHeight) * (frameMbsOnly ? 1 : 2);
    int width = widthMbs * 16 - cropUnitX * (cropLeft + cropRight);
    int height = (frameMbsOnly ? 1 : 2) * heightUnits * 16 - cropUnitY * (cropTop + cropBottom);
    double[] frameRate = {0};
    ColourDescription colour = ColourDescription.UNSPECIFIED;
    if (r.flag()) {
      colour = readVui(r, frameRate);
    }
    return new Sps(
        id,
        profile,
        constraints,
        level,
        chroma,
        depthLuma,
        depthChroma,
        width,
        height,
        frameRate[0],
        colour);
  }

  private static void skipScalingList(BitReader r, int size) {
    int last = 8;
    int next = 8;
    for (int j = 0; j < size; j++) {
      if (next != 0) {
        next = (last + r.se() + 256) % 256;
      }
      last = next == 0 ? last : next;
    }
  }

  /** Reads the VUI up to its timing info; puts the frame rate (0 when absent) in frameRate[0]. */
  private static ColourDescription readVui(BitReader r, double[] frameRate) {
    if (r.flag() && r.u(8) == 255) { // aspect_ratio_info_present, Extended_SAR
      r.skip(32);
    }
    if (r.flag()) { // overscan_info_present_flag
      r.skip(1);
    }
    ColourDescription colour = ColourDescription.readVideoSignalType(r);
    if (r.flag()) { // chroma_loc_info_present_flag
      r.ue();
      r.ue();
    }
    if (r.flag()) { // timing_info_present_flag
      long unitsInTick = r.bits(32);
      long timeScale = r.bits(32);
      if (unitsInTick > 0) {
        frameRate[0] = timeScale / (2.0 * unitsInTick);
      }
    }
    return colour;
  }

  /** The AVCDecoderConfigurationRecord (ISO/IEC 14496-15) with 4-byte NAL lengths. */
  public static byte[] decoderConfig(Sps sps, List<byte[]> spsUnits, List<byte[]> ppsUnits) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    out.write(sps.profileIdc());
    out.write(sps.constraintFlags());
    out.write(sps.levelIdc());
    out.write(0xff); // lengthSizeMinusOne = 3
    out.write(0xe0 | spsUnits.size());
    for (byte[] unit : spsUnits) {
      writeUnit(out, unit);
    }
    out.write(ppsUnits.size());
    for (byte[] unit : ppsUnits) {
      writeUnit(out, unit);
    }
    if (HIGH_PROFILES.contains(sps.profileIdc())) {
      out.write(0xfc | sps.chromaFormatIdc());
      out.write(0xf8 | sps.bitDepthLumaMinus8());
      out.write(0xf8 | sps.bitDepthChromaMinus8());
      out.write(0);
    }
    return out.toByteArray();
  }

  /** The SPS and PPS units of an AVCDecoderConfigurationRecord, SPS first. */
  public static List<byte[]> parameterSets(byte[] avcc) {
    List<byte[]> units = new java.util.ArrayList<>();
    if (avcc == null || avcc.length < 7) {
      return units;
    }
    int p = 5;
    for (int kind = 0; kind < 2; kind++) {
      if (p >= avcc.length) {
        break;
      }
      int count = kind == 0 ? avcc[p++] & 0x1f : avcc[p++] & 0xff;
      for (int i = 0; i < count && p + 2 <= avcc.length; i++) {
        int length = ((avcc[p] & 0xff) << 8) | (avcc[p + 1] & 0xff);
        p += 2;
        if (p + length > avcc.length) {
          return units;
        }
        units.add(java.util.Arrays.copyOfRange(avcc, p, p + length));
        p += length;
      }
    }
    return units;
  }

  private static void writeUnit(ByteArrayOutputStream out, byte[] unit) {
    out.write(unit.length >>> 8);
    out.write(unit.length & 0xff);
    out.write(unit, 0, unit.length);
  }
}
