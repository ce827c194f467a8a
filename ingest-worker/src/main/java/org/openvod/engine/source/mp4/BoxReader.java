package org.openvod.engine.source.mp4;

import java.nio.charset.StandardCharsets;
import org.openvod.engine.media.PackagingException;

/**
 * Reads big-endian fields from a slice of a byte array and refuses, with a {@link
 * PackagingException}, to read past the slice's end: a box whose size field lies cannot make the
 * parser read another box's bytes, throw an index exception or allocate more than it holds.
 */
final class BoxReader {

  private final byte[] data;
  private final int end;
  private final String where;
  private int position;

  BoxReader(byte[] data, int offset, int length, String where) {
    this.data = data;
    this.position = offset;
    this.end = offset + length;
    this.where = where;
  }

  static BoxReader of(byte[] data, String where) {
    return new BoxReader(data, 0, data.length, where);
  }

  int remaining() {
    return end - position;
  }

  int position() {
    return position;
  }

  String where() {
    return where;
  }

  private void need(long n) throws PackagingException {
    if (n < 0 || n > remaining()) {
      throw malformed("needs " + n + " more bytes, " + remaining() + " left");
    }
  }

  PackagingException malformed(String what) {
    return new PackagingException(PackagingException.Reason.MALFORMED_SOURCE, where + ": " + what);
  }

  int u8() throws PackagingException {
    need(1);
    return data[position++] & 0xFF;
  }

  int u16() throws PackagingException {
    need(2);
    int v = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
    position += 2;
    return v;
  }

  int u24() throws PackagingException {
    return (u8() << 16) | u16();
  }

  /** A 32-bit field as a signed int (ctts version 1, elst v0 media_time). */
  int s32() throws PackagingException {
    need(4);
    int v =
        ((data[position] & 0xFF) << 24)
            | ((data[position + 1] & 0xFF) << 16)
            | ((data[position + 2] & 0xFF) << 8)
            | (data[position + 3] & 0xFF);
    position += 4;
    return v;
  }

  long u32() throws PackagingException {
    return s32() & 0xFFFFFFFFL;
  }

  long s64() throws PackagingException {
    return (u32() << 32) | u32();
  }

  /** An unsigned 32-bit count that must fit an int and is checked against the bytes left. */
  int count(long bytesPerEntry) throws PackagingException {
    long n = u32();
    if (n * bytesPerEntry > remaining()) {
      throw malformed("declares " + n + " entries but holds " + remaining() + " bytes");
    }
    return (int) n;
  }

  String fourcc() throws PackagingException {
    need(4);
    String s = new String(data, position, 4, StandardCharsets.ISO_8859_1);
    position += 4;
    return s;
  }

  void skip(long n) throws PackagingException {
    need(n);
    position += (int) n;
  }

  byte[] bytes(int n) throws PackagingException {
    need(n);
    byte[] out = new byte[n];
    System.arraycopy(data, position, out, 0, n);
    position += n;
    return out;
  }

  /** The next {@code n} bytes as their own reader; this one moves past them. */
  BoxReader slice(long n, String name) throws PackagingException {
    need(n);
    BoxReader child = new BoxReader(data, position, (int) n, where + "/" + name);
    position += (int) n;
    return child;
  }

  /**
   * The next child box: its type and a reader over its payload. Sizes 0 (to the end) and 1 (a
   * 64-bit size) are understood; a size that leaves the parent is malformed.
   */
  Box nextBox() throws PackagingException {
    int start = position;
    long size = u32();
    String type = fourcc();
    int header = 8;
    if (size == 1) {
      size = s64();
      header = 16;
    } else if (size == 0) {
      size = (long) end - start;
    }
    if (size < header || size - header > remaining()) {
      throw malformed("box '" + printable(type) + "' has size " + size + " beyond its parent");
    }
    return new Box(type, slice(size - header, printable(type)));
  }

  static String printable(String type) {
    StringBuilder s = new StringBuilder(4);
    for (char c : type.toCharArray()) {
      s.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return s.toString();
  }

  /** A box's type and payload. */
  record Box(String type, BoxReader body) {}
}
