package org.openvod.engine.output.hls;

/** The CRC-32/MPEG-2 that ends every PSI section. */
final class Crc32Mpeg {

  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int c = i << 24;
      for (int k = 0; k < 8; k++) {
        c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04c11db7 : c << 1;
      }
      TABLE[i] = c;
    }
  }

  private Crc32Mpeg() {}

  static int of(byte[] data, int offset, int length) {
    int crc = 0xffffffff;
    for (int i = offset; i < offset + length; i++) {
      crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xff];
    }
    return crc;
  }
}
