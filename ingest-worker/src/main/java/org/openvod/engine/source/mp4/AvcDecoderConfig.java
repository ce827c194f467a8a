package org.openvod.engine.source.mp4;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openvod.engine.media.PackagingException;

/**
 * An AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1, the avcC box payload): the parameter
 * sets and NAL length size of an H.264 track.
 *
 * <pre>
 * u8 configurationVersion=1  u8 profile  u8 compatibility  u8 level
 * 6 bits '1' + 2 bits lengthSizeMinusOne
 * 3 bits '1' + 5 bits numSPS  { u16 length, SPS bytes }
 * u8 numPPS                   { u16 length, PPS bytes }
 * [profile 100+: chroma/bit depth/SPS-ext fields, kept as they are]
 * </pre>
 */
public record AvcDecoderConfig(
    int profile,
    int compatibility,
    int level,
    int nalLengthSize,
    List<byte[]> sps,
    List<byte[]> pps,
    byte[] record) {

  public static AvcDecoderConfig parse(byte[] record, String where) throws PackagingException {
    if (record == null) {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE, where + ": no avcC decoder configuration");
    }
    BoxReader r = BoxReader.of(record, where + "/avcC");
    int version = r.u8();
    if (version != 1) {
      throw r.malformed("configurationVersion " + version + " is not 1");
    }
    int profile = r.u8();
    int compatibility = r.u8();
    int level = r.u8();
    int lengthSize = (r.u8() & 0x3) + 1;
    if (lengthSize == 3) {
      throw r.malformed("NAL length size 3 is not allowed");
    }
    List<byte[]> sps = new ArrayList<>();
    int numSps = r.u8() & 0x1F;
    for (int i = 0; i < numSps; i++) {
      sps.add(r.bytes(r.u16()));
    }
    List<byte[]> pps = new ArrayList<>();
    int numPps = r.u8();
    for (int i = 0; i < numPps; i++) {
      pps.add(r.bytes(r.u16()));
    }
    if (sps.isEmpty() || pps.isEmpty()) {
      throw r.malformed("no SPS or no PPS");
    }
    return new AvcDecoderConfig(
        profile, compatibility, level, lengthSize, List.copyOf(sps), List.copyOf(pps), record);
  }

  /** RFC 6381 codec string, e.g. avc1.64001f ({@code sampleEntry} avc1 or avc3). */
  public String codecString(String sampleEntry) {
    return String.format(
        Locale.ROOT, "%s.%02x%02x%02x", sampleEntry, profile, compatibility, level);
  }

  /** The same record with 4-byte NAL lengths, as samples are normalized to them. */
  public byte[] withFourByteLengths() {
    byte[] copy = record.clone();
    copy[4] = (byte) (copy[4] | 0x03);
    return copy;
  }

  /** SPS and PPS as 4-byte length-prefixed NAL units, for parameter sets in-band. */
  public byte[] parameterSetNalUnits() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (List<byte[]> list : List.of(sps, pps)) {
      for (byte[] nal : list) {
        out.write(nal.length >>> 24);
        out.write(nal.length >>> 16);
        out.write(nal.length >>> 8);
        out.write(nal.length);
        out.writeBytes(nal);
      }
    }
    return out.toByteArray();
  }
}
