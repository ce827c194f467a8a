package org.openvod.engine.codec;

import java.util.Arrays;

/**
 * Collects the NAL units of one access unit as ranges of the arrays they arrived in, and writes
 * them once, 4-byte length prefixed (MP4 sample format), into an array of the exact size: each byte
 * is copied once, with no array per unit. The arrays must not change until {@link
 * #toLengthPrefixed}, or until {@link #ownAllBut} has copied the units out of them.
 */
public final class AccessUnitBuilder {

  private byte[][] sources = new byte[16][];
  private int[] starts = new int[16];
  private int[] lengths = new int[16];
  private int count;
  private long bytes;

  public void add(byte[] source, int from, int length) {
    if (count == sources.length) {
      sources = Arrays.copyOf(sources, count * 2);
      starts = Arrays.copyOf(starts, count * 2);
      lengths = Arrays.copyOf(lengths, count * 2);
    }
    sources[count] = source;
    starts[count] = from;
    lengths[count] = length;
    count++;
    bytes += 4L + length;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** Forgets the units (and drops the references to their arrays). */
  public void clear() {
    Arrays.fill(sources, 0, count, null);
    count = 0;
    bytes = 0;
  }

  /**
   * Copies the units that lie in arrays other than {@code keep} into one array of their own, so
   * that the caller may reuse those arrays (a demuxer that alternates PES buffers calls this when
   * an access unit continues into the next PES).
   */
  public void ownAllBut(byte[] keep) {
    int moved = 0;
    for (int u = 0; u < count; u++) {
      if (sources[u] != keep) {
        moved += lengths[u];
      }
    }
    if (moved == 0) {
      return;
    }
    byte[] own = new byte[moved];
    int p = 0;
    for (int u = 0; u < count; u++) {
      if (sources[u] != keep) {
        System.arraycopy(sources[u], starts[u], own, p, lengths[u]);
        sources[u] = own;
        starts[u] = p;
        p += lengths[u];
      }
    }
  }

  /** The units, each after its 4-byte big-endian length. */
  public byte[] toLengthPrefixed() {
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("an access unit of " + bytes + " bytes");
    }
    byte[] out = new byte[(int) bytes];
    int p = 0;
    for (int u = 0; u < count; u++) {
      int n = lengths[u];
      out[p++] = (byte) (n >>> 24);
      out[p++] = (byte) (n >>> 16);
      out[p++] = (byte) (n >>> 8);
      out[p++] = (byte) n;
      System.arraycopy(sources[u], starts[u], out, p, n);
      p += n;
    }
    return out;
  }
}
