package org.openvod.engine.output.hls;

import java.util.Arrays;

/**
 * PES payloads as lists of ranges of the arrays their bytes already live in (sample data, start
 * codes, parameter sets, ADTS headers), so that the TS writer copies each byte once, straight into
 * the segment's packets, instead of building an array per sample and per PES first. The ranges of
 * several payloads follow each other; a payload is the pieces from one index to another.
 */
final class PesPayload {

  private byte[][] arrays = new byte[256][];
  private int[] offsets = new int[256];
  private int[] lengths = new int[256];
  private int count;

  /** Appends a range; the array must not change until the pieces are copied out. */
  void add(byte[] array, int offset, int length) {
    if (length == 0) {
      return;
    }
    if (count == arrays.length) {
      arrays = Arrays.copyOf(arrays, count * 2);
      offsets = Arrays.copyOf(offsets, count * 2);
      lengths = Arrays.copyOf(lengths, count * 2);
    }
    arrays[count] = array;
    offsets[count] = offset;
    lengths[count] = length;
    count++;
  }

  void add(byte[] array) {
    add(array, 0, array.length);
  }

  /** The number of pieces so far: where the next payload starts. */
  int count() {
    return count;
  }

  /** Total bytes of pieces {@code from} to {@code to}. */
  long length(int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      n += lengths[i];
    }
    return n;
  }

  /** Forgets every piece and the references to their arrays. */
  void clear() {
    Arrays.fill(arrays, 0, count, null);
    count = 0;
  }

  /** Pieces {@code from} to {@code to} as one array. */
  byte[] toArray(int from, int to) {
    long n = length(from, to);
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a PES payload of " + n + " bytes");
    }
    byte[] out = new byte[(int) n];
    Reader reader = reader(from);
    reader.copy(out, 0, out.length);
    return out;
  }

  /** Reads the pieces in order from piece {@code from} on. */
  Reader reader(int from) {
    return new Reader(from);
  }

  /** A position in the pieces: copies out the next bytes, across piece borders. */
  final class Reader {
    private int piece;
    private int within;

    private Reader(int piece) {
      this.piece = piece;
    }

    /** Moves to the start of piece {@code at}. */
    void seek(int at) {
      piece = at;
      within = 0;
    }

    /** Copies the next {@code length} bytes into {@code out} at {@code at}. */
    void copy(byte[] out, int at, int length) {
      while (length > 0) {
        int left = lengths[piece] - within;
        int n = Math.min(left, length);
        System.arraycopy(arrays[piece], offsets[piece] + within, out, at, n);
        at += n;
        length -= n;
        if (n == left) {
          piece++;
          within = 0;
        } else {
          within += n;
        }
      }
    }
  }
}
