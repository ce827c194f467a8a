package org.openvod.engine.codec;

/**
 * Walks the NAL units of an Annex B byte stream in place: each {@link #next} moves to the next unit
 * and {@link #from}/{@link #to} bound it (start code and trailing zero bytes excluded), so no array
 * is made per unit. The units are those {@link Nal#splitAnnexB} returns, in the same order.
 */
public final class AnnexBCursor {

  private final byte[] data;
  private final int end;
  private int i;
  private int start = -1;
  private boolean done;
  private int from;
  private int to;

  public AnnexBCursor(byte[] data, int offset, int length) {
    this.data = data;
    this.end = offset + length;
    this.i = offset;
  }

  /** Moves to the next unit; false when there is none. */
  public boolean next() {
    // looks at the third byte of each candidate 00 00 01: most bytes rule out three positions
    while (i + 2 < end) {
      int third = data[i + 2];
      if (third > 1 || third < 0) {
        i += 3;
      } else if (third == 0) {
        i++;
      } else if (data[i + 1] != 0) {
        i += 3;
      } else if (data[i] != 0) {
        i += 2;
      } else {
        int unitStart = start;
        int unitEnd = i;
        i += 3;
        start = i;
        if (unitStart >= 0) {
          select(unitStart, unitEnd);
          return true;
        }
      }
    }
    if (!done) {
      done = true;
      if (start >= 0 && start < end) {
        select(start, end);
        return true;
      }
    }
    return false;
  }

  private void select(int unitStart, int unitEnd) {
    int last = unitEnd;
    while (last > unitStart && data[last - 1] == 0) {
      last--;
    }
    from = unitStart;
    to = last;
  }

  /** The current unit's first byte (its NAL header). */
  public int from() {
    return from;
  }

  /** Just past the current unit's last byte. */
  public int to() {
    return to;
  }

  public int length() {
    return to - from;
  }
}
