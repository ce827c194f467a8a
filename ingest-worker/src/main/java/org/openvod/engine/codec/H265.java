package org.openvod.engine.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * H.265 / HEVC: NAL types, SPS parsing, the HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3)
 * and RFC 6381 strings (14496-15 annex E).
 */
public final class H265 {

  public static final int NAL_VPS = 32;
  public static final int NAL_SPS = 33;
  public static final int NAL_PPS = 34;
  public static final int NAL_AUD = 35;

  private H265() {}

  /** An IRAP picture (BLA, IDR, CRA): a random access point. */
  public static boolean isRandomAccess(int type) {
    return type >= 16 && type <= 23;
  }

  /** What a sequence parameter set says. */
  public record Sps(
      int profileSpace,
      boolean tier,
      int profileIdc,
      long compatibilityFlags,
      long constraintFlags,
      int levelIdc,
      int chromaFormatIdc,
      int bitDepthLumaMinus8,
      int bitDepthChromaMinus8,
      int width,
      int height,
      int maxSubLayersMinus1,
      boolean temporalIdNested,
      ColourDescription colour) {

    /** RFC 6381 {@code hvc1.<space><profile>.<compat>.<tier><level>.<constraints>}. */
    public String codecString() {
      StringBuilder out = new StringBuilder("hvc1.");
      if (profileSpace > 0) {
        out.append((char) ('A' + profileSpace - 1));
      }
      out.append(profileIdc).append('.');
      out.append(Long.toHexString(Integer.reverse((int) compatibilityFlags) & 0xffffffffL));
      out.append('.').append(tier ? 'H' : 'L').append(levelIdc);
      byte[] constraints = new byte[6];
      for (int i = 0; i < 6; i++) {
        constraints[i] = (byte) (constraintFlags >> (40 - 8 * i));
      }
      int last = 5;
      while (last >= 0 && constraints[last] == 0) {
        last--;
      }
      for (int i = 0; i <= last; i++) {
        out.append('.').append(Integer.toHexString(constraints[i] & 0xff).toUpperCase(Locale.ROOT));
      }
      return out.toString();
    }
  }

  public static Sps parseSps(byte[] nal) {
    byte[] rbsp = Nal.unescape(nal);
    BitReader r = new BitReader(rbsp, 2, rbsp.length - 2);
    r.skip(4); // sps_video_parameter_set_id
    int maxSubLayersMinus1 = r.u(3);
    boolean nested = r.flag();
    int profileSpace = r.u(2);
    boolean tier = r.flag();
    int profileIdc = r.u(5);
    long compatibility = r.bits(32);
    long constraints = (r.bits(32) << 16) | r.bits(16);
    int levelIdc = r.u(8);
    boolean[] profilePresent = new boolean[maxSubLayersMinus1];
    boolean[] levelPresent = new boolean[maxSubLayersMinus1];
    for (int i = 0; i < maxSubLayersMinus1; i++) {
      profilePresent[i] = r.flag();
      levelPresent[i] = r.flag();
    }
    if (maxSubLayersMinus1 > 0) {
      r.skip(2L * (8 - maxSubLayersMinus1));
    }
    for (int i = 0; i < maxSubLayersMinus1; i++) {
      if (profilePresent[i]) {
        r.skip(88);
      }
      if (levelPresent[i]) {
        r.skip(8);
      }
    }
    r.ue(); // sps_seq_parameter_set_id
    int chroma = r.ue();
    boolean separatePlanes = chroma == 3 && r.flag();
    int width = r.ue();
    int height = r.ue();
    if (r.flag()) { // conformance_window_flag
      int arrayType = separatePlanes ? 0 : chroma;
      int subWidth = arrayType == 1 || arrayType == 2 ? 2 : 1;
      int subHeight = arrayType == 1 ? 2 : 1;
      int left = r.ue();
      int right = r.ue();
      int top = r.ue();
      int bottom = r.ue();
      width -= subWidth * (left + right);
      height -= subHeight * (top + bottom);
    }
    int depthLuma = r.ue();
    int depthChroma = r.ue();
    ColourDescription colour;
    try {
      colour = readColour(r, maxSubLayersMinus1);
    } catch (RuntimeException e) {
      colour = ColourDescription.UNSPECIFIED; // a label only: an SPS we misread still packages
    }
    return new Sps(
        profileSpace,
        tier,
        profileIdc,
        compatibility,
        constraints,
        levelIdc,
        chroma,
        depthLuma,
        depthChroma,
        width,
        height,
        maxSubLayersMinus1,
        nested,
        colour);
  }

  /** Walks the SPS from log2_max_pic_order_cnt_lsb_minus4 to the VUI's colour description. */
  private static ColourDescription readColour(BitReader r, int maxSubLayersMinus1) {
    int pocLsbBits = r.ue() + 4;
    boolean orderingForAll = r.flag(); // sps_sub_layer_ordering_info_present_flag
    for (int i = orderingForAll ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
      r.ue();
      r.ue();
      r.ue();
    }
    for (int i = 0; i < 6; i++) { // coding and transform block sizes, hierarchy depths
      r.ue();
    }
    if (r.flag() && r.flag()) { // scaling_list_enabled, sps_scaling_list_data_present
      skipScalingListData(r);
    }
    r.skip(2); // amp_enabled_flag, sample_adaptive_offset_enabled_flag
    if (r.flag()) { // pcm_enabled_flag
      r.skip(8);
      r.ue();
      r.ue();
      r.skip(1);
    }
    int sets = r.ue();
    if (sets > 64) { // the spec's limit; more is a misread, and would size the array below
      return ColourDescription.UNSPECIFIED;
    }
    int[] deltaPocs = new int[sets];
    for (int i = 0; i < sets; i++) {
      deltaPocs[i] = skipShortTermRefPicSet(r, i, deltaPocs);
    }
    if (r.flag()) { // long_term_ref_pics_present_flag
      int count = r.ue();
      for (int i = 0; i < count; i++) {
        r.skip(pocLsbBits + 1L);
      }
    }
    r.skip(2); // sps_temporal_mvp_enabled_flag, strong_intra_smoothing_enabled_flag
    if (!r.flag()) { // vui_parameters_present_flag
      return ColourDescription.UNSPECIFIED;
    }
    if (r.flag() && r.u(8) == 255) { // aspect_ratio_info_present, EXTENDED_SAR
      r.skip(32);
    }
    if (r.flag()) { // overscan_info_present_flag
      r.skip(1);
    }
    return ColourDescription.readVideoSignalType(r);
  }

  private static void skipScalingListData(BitReader r) {
    for (int sizeId = 0; sizeId < 4; sizeId++) {
      for (int matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1) {
        if (!r.flag()) { // scaling_list_pred_mode_flag
          r.ue();
        } else {
          int coefficients = Math.min(64, 1 << (4 + (sizeId << 1)));
          if (sizeId > 1) {
            r.se();
          }
          for (int i = 0; i < coefficients; i++) {
            r.se();
          }
        }
      }
    }
  }

  /** Skips st_ref_pic_set(index) of the SPS; returns its NumDeltaPocs. */
  private static int skipShortTermRefPicSet(BitReader r, int index, int[] deltaPocs) {
    if (index != 0 && r.flag()) { // inter_ref_pic_set_prediction_flag
      r.skip(1); // delta_rps_sign
      r.ue(); // abs_delta_rps_minus1
      int count = 0;
      for (int j = 0; j <= deltaPocs[index - 1]; j++) {
        boolean used = r.flag();
        if (used || r.flag()) { // used_by_curr_pic_flag, use_delta_flag
          count++;
        }
      }
      return count;
    }
    int negative = r.ue();
    int positive = r.ue();
    for (int i = 0; i < negative + positive; i++) {
      r.ue();
      r.skip(1);
    }
    return negative + positive;
  }

  /** The HEVCDecoderConfigurationRecord with 4-byte NAL lengths and the given VPS/SPS/PPS. */
  public static byte[] decoderConfig(
      Sps sps, List<byte[]> vps, List<byte[]> spsUnits, List<byte[]> pps) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    out.write((sps.profileSpace() << 6) | (sps.tier() ? 0x20 : 0) | sps.profileIdc());
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write((int) (sps.compatibilityFlags() >> shift) & 0xff);
    }
    for (int shift = 40; shift >= 0; shift -= 8) {
      out.write((int) (sps.constraintFlags() >> shift) & 0xff);
    }
    out.write(sps.levelIdc());
    out.write(0xf0); // min_spatial_segmentation_idc = 0
    out.write(0x00);
    out.write(0xfc); // parallelismType = 0
    out.write(0xfc | sps.chromaFormatIdc());
    out.write(0xf8 | sps.bitDepthLumaMinus8());
    out.write(0xf8 | sps.bitDepthChromaMinus8());
    out.write(0); // avgFrameRate
    out.write(0);
    out.write(((sps.maxSubLayersMinus1() + 1) << 3) | (sps.temporalIdNested() ? 0x04 : 0) | 0x03);
    out.write(3);
    writeArray(out, NAL_VPS, vps);
    writeArray(out, NAL_SPS, spsUnits);
    writeArray(out, NAL_PPS, pps);
    return out.toByteArray();
  }

  private static void writeArray(ByteArrayOutputStream out, int type, List<byte[]> units) {
    out.write(0x80 | type);
    out.write(units.size() >> 8);
    out.write(units.size() & 0xff);
    for (byte[] unit : units) {
      out.write(unit.length >> 8);
      out.write(unit.length & 0xff);
      out.write(unit, 0, unit.length);
    }
  }

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
