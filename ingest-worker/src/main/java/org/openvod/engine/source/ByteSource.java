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
      int n = 0;
      while (n < length) {
        int got = in.read(data, n, length - n);
        if (got < 0) {
          return Arrays.copyOf(data, n); // the end of the file came first
        }
        n += got;
      }
      return data;
    }
  }
}
