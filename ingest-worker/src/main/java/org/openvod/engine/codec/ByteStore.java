package org.openvod.engine.codec;

import java.util.Arrays;

/**
 * A growable byte array without the locking of {@link java.io.ByteArrayOutputStream}: the muxers
 * and demuxers append to it a packet at a time.
 */
public final class ByteStore {

  private byte[] data;
  private int size;

  public ByteStore(int capacity) {
    data = new byte[Math.max(16, capacity)];
  }

  public int size() {
    return size;
  }

  public void clear() {
    size = 0;
  }

  public void write(int b) {
    ensure(1);
    data[size++] = (byte) b;
  }

  public void write(byte[] src, int offset, int length) {
    ensure(length);
    System.arraycopy(src, offset, data, size, length);
    size += length;
  }

  public void write(byte[] src) {
    write(src, 0, src.length);
  }

  /** Appends {@code count} copies of {@code b}. */
  public void fill(int b, int count) {
    ensure(count);
    Arrays.fill(data, size, size + count, (byte) b);
    size += count;
  }

  public byte get(int index) {
    return data[index];
  }

  /**
   * The backing array: its first {@link #size} bytes are those written. It stays this store's until
   * a write grows it or {@link #clear} lets it be written over, so callers read it in place instead
   * of copying.
   */
  public byte[] array() {
    return data;
  }

  /** The bytes written, copied. */
  public byte[] toByteArray() {
    return Arrays.copyOf(data, size);
  }

  /** The bytes from {@code from} to the end, copied. */
  public byte[] copy(int from, int to) {
    return Arrays.copyOfRange(data, from, to);
  }

  private void ensure(int more) {
    if (size + more > data.length) {
      long wanted = Math.max((long) data.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("more than 2 GiB in one buffer");
      }
      data = Arrays.copyOf(data, (int) wanted);
    }
  }
}
