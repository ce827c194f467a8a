package org.openvod.engine.source.mp4;

import java.io.ByteArrayOutputStream;
import org.openvod.engine.media.PackagingException;

/** Rewrites length-prefixed NAL units to 4-byte lengths, the engine's one sample format. */
final class NalLengths {

  private NalLengths() {}

  static byte[] toFourByteLengths(byte[] data, int lengthSize, String where)
      throws PackagingException {
    if (lengthSize == 4) {
      return data;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 8 + 16);
    int position = 0;
    while (position < data.length) {
      if (position + lengthSize > data.length) {
        throw malformed(where);
      }
      int length = 0;
      for (int i = 0; i < lengthSize; i++) {
        length = (length << 8) | (data[position++] & 0xFF);
      }
      if (length > data.length - position) {
        throw malformed(where);
      }
      out.write(length >>> 24);
      out.write(length >>> 16);
      out.write(length >>> 8);
      out.write(length);
      out.write(data, position, length);
      position += length;
    }
    return out.toByteArray();
  }

  private static PackagingException malformed(String where) {
    return new PackagingException(
        PackagingException.Reason.MALFORMED_SOURCE,
        where + ": NAL unit length runs past the sample");
  }
}
