package org.openvod.engine.codec;

/** Reads bits MSB first, with Exp-Golomb codes, from a byte array (H.264 / H.265 syntax). */
public final class BitReader {

  private final byte[] data;
  private final int end;
  private long position;

  public BitReader(byte[] data, int offset, int length) {
    this.data = data;
    this.end = offset + length;
    this.position = (long) offset * 8;
  }

  public BitReader(byte[] data) {
    this(data, 0, data.length);
  }

  public int bit() {
    int index = (int) (position >>> 3);
    if (index >= end) {
      throw new IllegalArgumentException("read past the end of the bitstream");
    }
    int value = (data[index] >> (7 - (int) (position & 7))) & 1;
    position++;
    return value;
  }

  public boolean flag() {
    return bit() == 1;
  }

  /** Reads {@code count} (at most 32) bits as an unsigned value. */
  public long bits(int count) {
    long value = 0;
    for (int i = 0; i < count; i++) {
      value = (value << 1) | bit();
    }
    return value;
  }

  public int u(int count) {
    return (int) bits(count);
  }

  public void skip(long count) {
    position += count;
  }

  /** Unsigned Exp-Golomb ue(v). */
  public int ue() {
    int zeros = 0;
    while (bit() == 0) {
      zeros++;
      if (zeros > 31) {
        throw new IllegalArgumentException("Exp-Golomb code longer than 32 bits");
      }
    }
    return (int) ((1L << zeros) - 1 + bits(zeros));
  }

  /** Signed Exp-Golomb se(v). */
  public int se() {
    int code = ue();
    return (code & 1) == 1 ? (code + 1) / 2 : -(code / 2);
  }

  public boolean hasMore() {
    return position < (long) end * 8;
  }

  public long bitsLeft() {
    return (long) end * 8 - position;
  }
}
