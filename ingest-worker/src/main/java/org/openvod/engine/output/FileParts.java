package org.openvod.engine.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * One file's bytes as consecutive arrays, not yet joined. A media segment is its boxes followed by
 * its samples' bytes, each array as the demuxer (or the encryptor) made it: a sink that streams the
 * parts spares a copy of every sample per output, which is most of what an fMP4 output writes.
 *
 * @param parts the arrays in file order; they are shared, not copied, so nothing may change them
 */
public record FileParts(List<byte[]> parts) {

  public FileParts {
    parts = List.copyOf(parts);
  }

  /** The file's size in bytes. */
  public long length() {
    long length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    return length;
  }

  /** The parts joined into one array, for a sink that stores a file from one array. */
  public byte[] toByteArray() {
    long length = length();
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("file of " + length + " bytes is too large for one array");
    }
    byte[] out = new byte[(int) length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  /** Writes the parts in order. */
  public void writeTo(OutputStream out) throws IOException {
    for (byte[] part : parts) {
      out.write(part);
    }
  }
}
