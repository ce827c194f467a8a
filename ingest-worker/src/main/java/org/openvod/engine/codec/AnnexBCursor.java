package org.openvod.engine.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Walks the NAL units of an Annex B byte stream in place: each {@link #next} moves to the next unit
 * and {@link #from}/{@link #to} bound it (start code and trailing zero bytes excluded), so no array
 * is made per unit. The units are those {@link Nal#splitAnnexB} returns, in the same order.
 */
public final class AnnexBCursor {

  /** Reads eight bytes of an array as one little-endian long: the first byte is the lowest. */
  private static final VarHandle EIGHT_BYTES =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
    while (i + 2 < end) {
      // eight bytes at a time while none of them is zero: a start code's first byte is, and zero
      // bytes are rare inside coded slices (emulation prevention keeps 00 00 0x out of them)
      if (i + Long.BYTES <= end) {
        long zeros = zeroBytes((long) EIGHT_BYTES.get(data, i));
        if (zeros == 0) {
          i += Long.BYTES;
          continue;
        }
        // the lowest marked byte is a true zero (a borrow can only mark bytes above one)
        i += Long.numberOfTrailingZeros(zeros) >>> 3;
        if (i + 2 >= end) {
          break;
        }
      }
      if (data[i] != 0 || data[i + 1] != 0 || data[i + 2] != 1) {
        i++;
        continue;
      }
      int unitStart = start;
      int unitEnd = i;
      i += 3;
      start = i;
      if (unitStart >= 0) {
        select(unitStart, unitEnd);
        return true;
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

  /** The high bit of each byte of {@code word} that is zero is set (and maybe of bytes above). */
  private static long zeroBytes(long word) {
    return (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
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
