package org.openvod.engine.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * One source file, read by range. Readers pull only the bytes they need, so a source of any length
 * is packaged in bounded memory.
 */
public interface ByteSource {

  /** Reads up to this size go straight into one array of the asked size. */
  int DIRECT_READ_LIMIT = 64 << 20;

  /** Total length in bytes. */
  long length() throws IOException;

  /** A stream of {@code length} bytes from {@code offset} (fewer at the end of the file). */
  InputStream open(long offset, long length) throws IOException;

  /** Reads exactly {@code length} bytes from {@code offset}, or fewer at the end of the file. */
  default byte[] read(long offset, int length) throws IOException {
    if (length < 0) {
      throw new IllegalArgumentException("length < 0: " + length);
    }
    try (InputStream in = open(offset, length)) {
      if (length > DIRECT_READ_LIMIT) {
        return in.readNBytes(length); // grows with what arrives, for a length nobody checked
      }
      // straight into one array of the asked size: readNBytes reads 8 KB chunks and joins them
      byte[] data = new byte[length];
      int n = fill(in, data, length);
      return n == length ? data : Arrays.copyOf(data, n); // fewer: the end of the file came first
    }
  }

  /**
   * Reads exactly {@code length} bytes from {@code offset} into the start of {@code buffer}, or
   * fewer at the end of the file, so that a reader can use one buffer for many reads.
   *
   * @return how many bytes were read
   */
  default int readInto(long offset, byte[] buffer, int length) throws IOException {
    if (length < 0 || length > buffer.length) {
      throw new IllegalArgumentException(
          "length " + length + " does not fit a buffer of " + buffer.length + " bytes");
    }
    try (InputStream in = open(offset, length)) {
      return fill(in, buffer, length);
    }
  }

  /** Reads from {@code in} into the start of {@code buffer} until {@code length} or the end. */
  private static int fill(InputStream in, byte[] buffer, int length) throws IOException {
    int n = 0;
    while (n < length) {
      int got = in.read(buffer, n, length - n);
      if (got < 0) {
        break;
      }
      n += got;
    }
    return n;
  }
}
