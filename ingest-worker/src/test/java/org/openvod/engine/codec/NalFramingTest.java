package org.openvod.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Annex B scanning in place and access units written once, length prefixed. */
class NalFramingTest {

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static List<byte[]> units(byte[] data, int offset, int length) {
    List<byte[]> units = new ArrayList<>();
    AnnexBCursor cursor = new AnnexBCursor(data, offset, length);
    while (cursor.next()) {
      units.add(Arrays.copyOfRange(data, cursor.from(), cursor.to()));
    }
    return units;
  }

  @Test
  void cursorDropsBytesBeforeTheFirstStartCodeAndTrailingZeros() {
    byte[] stream =
        bytes(0x55, 0, 0, 0, 1, 0x67, 0xAA, 0, 0, 0, 1, 0x68, 0xBB, 0, 0, 1, 0x65, 1, 2, 0, 0);
    List<byte[]> units = units(stream, 0, stream.length);
    assertArrayEquals(
        new byte[][] {bytes(0x67, 0xAA), bytes(0x68, 0xBB), bytes(0x65, 1, 2)},
        units.toArray(new byte[0][]));
  }

  @Test
  void cursorStaysInsideItsRange() {
    byte[] stream = bytes(0, 0, 1, 0x41, 7, 0, 0, 1, 0x41, 8, 0, 0, 1, 0x41, 9);
    // the range ends inside the second unit and starts at the first start code
    List<byte[]> units = units(stream, 0, 10);
    assertArrayEquals(new byte[][] {bytes(0x41, 7), bytes(0x41, 8)}, units.toArray(new byte[0][]));
  }

  @Test
  void cursorFindsNothingWithoutAStartCode() {
    assertFalse(new AnnexBCursor(bytes(1, 2, 3, 0, 0, 2), 0, 6).next());
    assertFalse(new AnnexBCursor(new byte[0], 0, 0).next());
  }

  /**
   * The cursor reads eight bytes at a time; this reference looks at every byte. Random streams
   * dense in zeros and ones put start codes (3- and 4-byte), lone zeros and 00 00 03 at every
   * offset of a word and at both ends of a range that does not start at 0.
   */
  @Test
  void cursorFindsTheSameUnitsAsAByteByByteScan() {
    java.util.Random random = new java.util.Random(42);
    for (int round = 0; round < 20_000; round++) {
      byte[] stream = new byte[random.nextInt(64)];
      for (int k = 0; k < stream.length; k++) {
        int pick = random.nextInt(8);
        stream[k] = (byte) (pick < 3 ? 0 : pick < 5 ? 1 : pick == 5 ? 3 : random.nextInt(256));
      }
      int offset = stream.length == 0 ? 0 : random.nextInt(Math.min(stream.length, 9));
      int length = stream.length - offset - (stream.length > offset ? random.nextInt(3) : 0);
      length = Math.max(length, 0);
      List<byte[]> expected = referenceUnits(stream, offset, length);
      List<byte[]> actual = units(stream, offset, length);
      assertEquals(expected.size(), actual.size(), () -> "units of " + Arrays.toString(stream));
      for (int u = 0; u < expected.size(); u++) {
        assertArrayEquals(expected.get(u), actual.get(u), "unit " + u);
      }
    }
  }

  /** Units between 00 00 01 start codes, found one byte at a time, trailing zeros dropped. */
  private static List<byte[]> referenceUnits(byte[] data, int offset, int length) {
    int end = offset + length;
    List<Integer> starts = new ArrayList<>();
    List<Integer> codes = new ArrayList<>();
    for (int k = offset; k + 2 < end; k++) {
      if (data[k] == 0 && data[k + 1] == 0 && data[k + 2] == 1) {
        codes.add(k);
        starts.add(k + 3);
        k += 2;
      }
    }
    List<byte[]> units = new ArrayList<>();
    for (int u = 0; u < starts.size(); u++) {
      int from = starts.get(u);
      int to = u + 1 < starts.size() ? codes.get(u + 1) : end;
      while (to > from && data[to - 1] == 0) {
        to--;
      }
      if (u + 1 < starts.size() || from < end) {
        units.add(Arrays.copyOfRange(data, from, to));
      }
    }
    return units;
  }

  @Test
  void splitAnnexBReturnsTheCursorsUnits() {
    byte[] stream = bytes(0, 0, 0, 1, 0x09, 0xF0, 0, 0, 1, 0x65, 0x88, 0x84, 0);
    List<byte[]> split = Nal.splitAnnexB(stream, 0, stream.length);
    assertArrayEquals(
        new byte[][] {bytes(0x09, 0xF0), bytes(0x65, 0x88, 0x84)}, split.toArray(new byte[0][]));
  }

  @Test
  void builderWritesRangesOfSeveralArraysLengthPrefixed() {
    byte[] first = bytes(9, 9, 0x67, 1, 2, 9);
    byte[] second = bytes(0x65, 3);
    AccessUnitBuilder unit = new AccessUnitBuilder();
    assertTrue(unit.isEmpty());
    unit.add(first, 2, 3);
    unit.add(second, 0, 2);
    assertFalse(unit.isEmpty());
    byte[] written = unit.toLengthPrefixed();
    assertArrayEquals(bytes(0, 0, 0, 3, 0x67, 1, 2, 0, 0, 0, 2, 0x65, 3), written);
    assertArrayEquals(
        new byte[][] {bytes(0x67, 1, 2), bytes(0x65, 3)},
        Nal.splitLengthPrefixed(written).toArray(new byte[0][]));
  }

  @Test
  void builderForgetsUnitsOnClearAndGrowsPastItsFirstCapacity() {
    AccessUnitBuilder unit = new AccessUnitBuilder();
    unit.add(bytes(1, 2, 3), 0, 3);
    unit.clear();
    assertTrue(unit.isEmpty());
    byte[] source = new byte[40];
    for (int i = 0; i < source.length; i++) {
      source[i] = (byte) i;
      unit.add(source, i, 1);
    }
    byte[] written = unit.toLengthPrefixed();
    List<byte[]> back = Nal.splitLengthPrefixed(written);
    for (int i = 0; i < source.length; i++) {
      assertArrayEquals(bytes(i), back.get(i));
    }
    assertEquals(source.length, back.size());
  }
}
