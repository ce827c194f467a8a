package org.openvod.engine.source.mp4;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openvod.engine.media.PackagingException;

/**
 * An HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3.1, the hvcC box payload): the codec
 * string fields, the NAL length size and the parameter sets of an H.265 track.
 *
 * <pre>
 * u8 version=1
 * u8 profile_space(2) tier(1) profile_idc(5)   u32 compatibility flags   u48 constraint flags
 * u8 level_idc   ... 9 bytes (segmentation, parallelism, chroma, bit depths, frame rate) ...
 * u8 ...(6) lengthSizeMinusOne(2)
 * u8 numOfArrays { u8 completeness(1) reserved(1) NAL_unit_type(6), u16 numNalus,
 *                  { u16 length, NAL unit } }
 * </pre>
 */
public record HevcDecoderConfig(
    int profileSpace,
    boolean highTier,
    int profile,
    long compatibility,
    byte[] constraints,
    int level,
    int nalLengthSize,
    List<byte[]> parameterSets,
    byte[] record) {

  public static HevcDecoderConfig parse(byte[] record, String where) throws PackagingException {
    if (record == null) {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE, where + ": no hvcC decoder configuration");
    }
    BoxReader r = BoxReader.of(record, where + "/hvcC");
    if (r.u8() != 1) {
      throw r.malformed("configurationVersion is not 1");
    }
    int b = r.u8();
    long compatibility = r.u32();
    byte[] constraints = r.bytes(6);
    int level = r.u8();
    r.skip(8);
    int lengthSize = (r.u8() & 0x3) + 1;
    if (lengthSize == 3) {
      throw r.malformed("NAL length size 3 is not allowed");
    }
    List<byte[]> sets = new ArrayList<>();
    int arrays = r.u8();
    for (int a = 0; a < arrays; a++) {
      r.u8();
      int count = r.u16();
      for (int i = 0; i < count; i++) {
        sets.add(r.bytes(r.u16()));
      }
    }
    if (sets.isEmpty()) {
      throw r.malformed("no parameter sets");
    }
    return new HevcDecoderConfig(
        b >>> 6,
        (b & 0x20) != 0,
        b & 0x1F,
        compatibility,
        constraints,
        level,
        lengthSize,
        List.copyOf(sets),
        record);
  }

  /** RFC 6381 / ISO 14496-15 E.3: hvc1.[A-C]profile.compat.Llevel.constraints. */
  public String codecString(String sampleEntry) {
    StringBuilder s = new StringBuilder(sampleEntry).append('.');
    if (profileSpace > 0) {
      s.append((char) ('A' + profileSpace - 1));
    }
    s.append(profile).append('.');
    s.append(Long.toHexString(Integer.reverse((int) compatibility) & 0xFFFFFFFFL));
    s.append('.').append(highTier ? 'H' : 'L').append(level);
    int last = constraints.length - 1;
    while (last >= 0 && constraints[last] == 0) {
      last--;
    }
    for (int i = 0; i <= last; i++) {
      s.append('.').append(Integer.toHexString(constraints[i] & 0xFF).toUpperCase(Locale.ROOT));
    }
    return s.toString();
  }

  /** The same record with 4-byte NAL lengths, as samples are normalized to them. */
  public byte[] withFourByteLengths() {
    byte[] copy = record.clone();
    copy[21] = (byte) (copy[21] | 0x03);
    return copy;
  }

  /** VPS, SPS and PPS as 4-byte length-prefixed NAL units, for parameter sets in-band. */
  public byte[] parameterSetNalUnits() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] nal : parameterSets) {
      out.write(nal.length >>> 24);
      out.write(nal.length >>> 16);
      out.write(nal.length >>> 8);
      out.write(nal.length);
      out.writeBytes(nal);
    }
    return out.toByteArray();
  }
}
