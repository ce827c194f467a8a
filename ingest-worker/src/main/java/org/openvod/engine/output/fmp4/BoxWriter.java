package org.openvod.engine.output.fmp4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian buffer that writes ISO-BMFF boxes: {@link #begin} reserves the size field,
 * {@link #end} fills it in once the box's children are written.
 */
public final class BoxWriter {

  private byte[] data;
  private int size;

  public BoxWriter() {
    this(1024);
  }

  /**
   * A writer whose buffer starts at {@code capacity} bytes: a caller that knows the final size up
   * front (a media segment: boxes plus its samples) gets no regrowth and no copy in {@link
   * #toByteArray}.
   */
  public BoxWriter(int capacity) {
    data = new byte[Math.max(16, capacity)];
  }

  private void ensure(int more) {
    if (size + more > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
    }
  }

  public int position() {
    return size;
  }

  public BoxWriter u8(int v) {
    ensure(1);
    data[size++] = (byte) v;
    return this;
  }

  public BoxWriter u16(int v) {
    return u8(v >>> 8).u8(v);
  }

  public BoxWriter u24(int v) {
    return u8(v >>> 16).u16(v);
  }

  public BoxWriter u32(long v) {
    return u16((int) (v >>> 16)).u16((int) v);
  }

  public BoxWriter u64(long v) {
    return u32(v >>> 32).u32(v);
  }

  public BoxWriter zeros(int n) {
    ensure(n);
    size += n;
    return this;
  }

  public BoxWriter bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, data, size, b.length);
    size += b.length;
    return this;
  }

  public BoxWriter fourcc(String type) {
    return bytes(type.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Starts a box; returns its start for {@link #end}. */
  public int begin(String type) {
    int start = size;
    u32(0).fourcc(type);
    return start;
  }

  /** Starts a full box (version and flags after the type). */
  public int beginFull(String type, int version, int flags) {
    int start = begin(type);
    u8(version).u24(flags);
    return start;
  }

  public void end(int start) {
    putU32(start, size - start);
  }

  /** Overwrites 4 bytes at {@code at} (sizes and offsets known only later). */
  public void putU32(int at, long v) {
    data[at] = (byte) (v >>> 24);
    data[at + 1] = (byte) (v >>> 16);
    data[at + 2] = (byte) (v >>> 8);
    data[at + 3] = (byte) v;
  }

  /** The bytes written; the buffer itself when it is exactly full, so write nothing after. */
  public byte[] toByteArray() {
    if (size == data.length) {
      return data;
    }
    return Arrays.copyOf(data, size);
  }
}
