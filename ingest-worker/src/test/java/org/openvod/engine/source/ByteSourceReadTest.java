package org.openvod.engine.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The default {@link ByteSource#read} and {@link ByteSource#readInto}: whole ranges through streams
 * that return a few bytes.
 */
class ByteSourceReadTest {

  /** A source over an array whose streams hand out at most 3 bytes per read. */
  private static ByteSource trickling(byte[] content) {
    return new ByteSource() {
      @Override
      public long length() {
        return content.length;
      }

      @Override
      public InputStream open(long offset, long length) {
        int from = (int) Math.min(offset, content.length);
        int to = (int) Math.min(content.length, offset + length);
        return new ByteArrayInputStream(Arrays.copyOfRange(content, from, to)) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 3));
          }
        };
      }
    };
  }

  private static final byte[] CONTENT = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};

  @Test
  void readsTheWholeRangeAcrossShortReads() throws Exception {
    assertArrayEquals(new byte[] {11, 12, 13, 14, 15, 16, 17}, trickling(CONTENT).read(1, 7));
  }

  @Test
  void returnsFewerBytesAtTheEndOfTheFile() throws Exception {
    assertArrayEquals(new byte[] {17, 18, 19}, trickling(CONTENT).read(7, 8));
    assertArrayEquals(new byte[0], trickling(CONTENT).read(10, 4));
  }

  @Test
  void readsIntoTheStartOfAReusedBufferAndLeavesTheRestAlone() throws Exception {
    byte[] buffer = new byte[9];
    Arrays.fill(buffer, (byte) -1);
    assertEquals(7, trickling(CONTENT).readInto(1, buffer, 7));
    assertArrayEquals(new byte[] {11, 12, 13, 14, 15, 16, 17, -1, -1}, buffer);
    assertEquals(3, trickling(CONTENT).readInto(7, buffer, 8));
    assertArrayEquals(new byte[] {17, 18, 19, 14}, Arrays.copyOf(buffer, 4));
  }

  @Test
  void refusesALengthTheBufferCannotHold() {
    assertThrows(
        IllegalArgumentException.class, () -> trickling(CONTENT).readInto(0, new byte[4], 5));
    assertThrows(
        IllegalArgumentException.class, () -> trickling(CONTENT).readInto(0, new byte[4], -1));
  }

  @Test
  void refusesANegativeLength() {
    assertThrows(IllegalArgumentException.class, () -> trickling(CONTENT).read(0, -1));
  }
}
