package org.openvod.engine.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** NAL unit framing shared by H.264 and H.265: Annex B start codes, length prefixes, RBSP. */
public final class Nal {

  private Nal() {}

  /** The NAL units of an Annex B byte stream, without start codes or trailing zero bytes. */
  public static List<byte[]> splitAnnexB(byte[] data, int offset, int length) {
    List<byte[]> units = new ArrayList<>();
    AnnexBCursor cursor = new AnnexBCursor(data, offset, length);
    while (cursor.next()) {
      units.add(Arrays.copyOfRange(data, cursor.from(), cursor.to()));
    }
    return units;
  }

  /** NAL units as 4-byte big-endian length prefixed (MP4 sample format). */
  public static byte[] toLengthPrefixed(List<byte[]> units) {
    int size = 0;
    for (byte[] unit : units) {
      size += 4 + unit.length;
    }
    byte[] out = new byte[size];
    int p = 0;
    for (byte[] unit : units) {
      int n = unit.length;
      out[p++] = (byte) (n >>> 24);
      out[p++] = (byte) (n >>> 16);
      out[p++] = (byte) (n >>> 8);
      out[p++] = (byte) n;
      System.arraycopy(unit, 0, out, p, n);
      p += n;
    }
    return out;
  }

  /** The NAL units of a 4-byte length-prefixed sample. */
  public static List<byte[]> splitLengthPrefixed(byte[] data) {
    List<byte[]> units = new ArrayList<>();
    int p = 0;
    while (p + 4 <= data.length) {
      int n =
          ((data[p] & 0xff) << 24)
              | ((data[p + 1] & 0xff) << 16)
              | ((data[p + 2] & 0xff) << 8)
              | (data[p + 3] & 0xff);
      p += 4;
      if (n < 0 || p + n > data.length) {
        throw new IllegalArgumentException("NAL length " + n + " runs past the sample");
      }
      byte[] unit = new byte[n];
      System.arraycopy(data, p, unit, 0, n);
      units.add(unit);
      p += n;
    }
    return units;
  }

  /** Removes emulation prevention bytes (00 00 03 -> 00 00). */
  public static byte[] unescape(byte[] nal) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(nal.length);
    int zeros = 0;
    for (byte b : nal) {
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      out.write(b);
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return out.toByteArray();
  }
}
