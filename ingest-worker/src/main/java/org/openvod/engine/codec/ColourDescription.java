package org.openvod.engine.codec;

import java.util.List;
import org.openvod.engine.media.Codec;

/**
 * The colour description of a video stream's VUI (ITU-T H.273 code points), which says whether it
 * is SDR or HDR: HLS must announce PQ and HLG video with VIDEO-RANGE, DASH with the CICP
 * TransferCharacteristics property, or players treat it as SDR.
 *
 * @param primaries colour_primaries (1 = BT.709, 9 = BT.2020)
 * @param transfer transfer_characteristics (16 = SMPTE ST 2084 PQ, 18 = ARIB STD-B67 HLG)
 * @param matrix matrix_coeffs
 */
public record ColourDescription(int primaries, int transfer, int matrix) {

  /** What a stream without a colour description has (2 = unspecified). */
  public static final ColourDescription UNSPECIFIED = new ColourDescription(2, 2, 2);

  public static final int TRANSFER_PQ = 16;
  public static final int TRANSFER_HLG = 18;

  /** HLS VIDEO-RANGE: PQ, HLG or SDR. */
  public String videoRange() {
    return transfer == TRANSFER_PQ ? "PQ" : transfer == TRANSFER_HLG ? "HLG" : "SDR";
  }

  public boolean isHdr() {
    return transfer == TRANSFER_PQ || transfer == TRANSFER_HLG;
  }

  /**
   * The colour description in the first SPS of an H.264 or H.265 decoder configuration record;
   * {@link #UNSPECIFIED} for other codecs or when the SPS has none (or cannot be read: the colour
   * description only labels a stream, so it never fails one).
   */
  public static ColourDescription of(Codec codec, byte[] decoderConfig) {
    try {
      if (codec == Codec.H264) {
        List<byte[]> units = H264.parameterSets(decoderConfig);
        return units.isEmpty() ? UNSPECIFIED : H264.parseSps(units.get(0)).colour();
      }
      if (codec == Codec.H265) {
        for (byte[] unit : H265.parameterSets(decoderConfig)) {
          if (H265.type(unit) == H265.NAL_SPS) {
            return H265.parseSps(unit).colour();
          }
        }
      }
    } catch (RuntimeException e) {
      return UNSPECIFIED;
    }
    return UNSPECIFIED;
  }

  /** video_signal_type_present_flag onwards, the same in H.264 and H.265 VUI. */
  static ColourDescription readVideoSignalType(BitReader r) {
    if (!r.flag()) { // video_signal_type_present_flag
      return UNSPECIFIED;
    }
    r.skip(4); // video_format, video_full_range_flag
    if (!r.flag()) { // colour_description_present_flag
      return UNSPECIFIED;
    }
    return new ColourDescription(r.u(8), r.u(8), r.u(8));
  }
}
