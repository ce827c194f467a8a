package org.openvod.engine.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * One source file, read by range. Readers pull only the bytes they need, so a source of any length
 * is packaged in bounded memory.
 */
public interface ByteSource {

  /** Total length in bytes. */
  long length() throws IOException;

  /** A stream of {@code length} bytes from {@code offset} (fewer at the end of the file). */
  InputStream open(long offset, long length) throws IOException;

  /** Reads exactly {@code length} bytes from {@code offset}, or fewer at the end of the file. */
  default byte[] read(long offset, int length) throws IOException {
    try (InputStream in = open(offset, length)) {
      return in.readNBytes(length);
    }
  }
}
