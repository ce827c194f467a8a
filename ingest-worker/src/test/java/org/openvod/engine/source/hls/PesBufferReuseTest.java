package org.openvod.engine.source.hls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The TS reader hands each PES to the H.264 parser in place and reuses the buffer two PES later: an
 * access unit that spans PES packets must come out whole even though the buffer its first part
 * arrived in has been written over.
 */
class PesBufferReuseTest {

  private static final HexFormat HEX = HexFormat.of();

  /** A libx264 SPS (Main, 640x360) and PPS. */
  private static final byte[] SPS =
      HEX.parseHex("674d401eeca05017fcb80880000003008000001e078b16cb");

  private static final byte[] PPS = HEX.parseHex("68ce3c80");

  @Test
  void anAccessUnitSpanningTwoPesSurvivesTheReuseOfTheFirstBuffer() throws Exception {
    H264Parser parser = new H264Parser();
    List<EsFrame> out = new ArrayList<>();
    byte[] a = new byte[64];
    byte[] b = new byte[64];
    Arrays.fill(a, (byte) 0x55);
    Arrays.fill(b, (byte) 0x55);
    // PES 1 (timed): parameter sets and the first slice of an IDR picture, at offset 5 of buffer A
    int n1 = put(a, 5, concat(start4(SPS), start4(PPS), start3(bytes(0x65, 0xaa, 0xbb, 0x11))));
    parser.onPes(1000, 1000, a, 5, n1, "seg.ts", out);
    // PES 2 (no PTS): the second slice of the same picture, in buffer B
    int n2 = put(b, 3, start3(bytes(0x65, 0xcc, 0xdd)));
    parser.onPes(-1, -1, b, 3, n2, "seg.ts", out);
    assertTrue(out.isEmpty(), "the access unit is still open");
    // PES 3 (timed) written over buffer A: it starts the next access unit and ends the first
    Arrays.fill(a, (byte) 0x77);
    int n3 = put(a, 0, start3(bytes(0x41, 0xee, 0x12)));
    parser.onPes(4000, 4000, a, 0, n3, "seg.ts", out);
    parser.flush("seg.ts", out);

    assertEquals(2, out.size());
    EsFrame idr = out.get(0);
    assertEquals(1000, idr.pts());
    assertTrue(idr.keyframe());
    assertArrayEquals(
        concat(
            prefixed(SPS),
            prefixed(PPS),
            prefixed(bytes(0x65, 0xaa, 0xbb, 0x11)),
            prefixed(bytes(0x65, 0xcc, 0xdd))),
        idr.data());
    EsFrame next = out.get(1);
    assertEquals(4000, next.pts());
    assertFalse(next.keyframe());
    assertArrayEquals(prefixed(bytes(0x41, 0xee, 0x12)), next.data());
  }

  @Test
  void aCopiedPayloadGivesTheSameFramesAsTheBufferRange() throws Exception {
    byte[] pes = concat(start4(SPS), start4(PPS), start3(bytes(0x65, 1, 2, 3)));
    H264Parser inPlace = new H264Parser();
    H264Parser copied = new H264Parser();
    List<EsFrame> a = new ArrayList<>();
    List<EsFrame> b = new ArrayList<>();
    byte[] buffer = new byte[pes.length + 9];
    System.arraycopy(pes, 0, buffer, 9, pes.length);
    inPlace.onPes(90, 90, buffer, 9, pes.length, "x.ts", a);
    copied.onPes(90, 90, pes, "x.ts", b);
    inPlace.flush("x.ts", a);
    copied.flush("x.ts", b);
    assertEquals(1, a.size());
    assertArrayEquals(b.get(0).data(), a.get(0).data());
  }

  private static int put(byte[] buffer, int at, byte[] data) {
    System.arraycopy(data, 0, buffer, at, data.length);
    return data.length;
  }

  private static byte[] start4(byte[] nal) {
    return concat(bytes(0, 0, 0, 1), nal);
  }

  private static byte[] start3(byte[] nal) {
    return concat(bytes(0, 0, 1), nal);
  }

  private static byte[] prefixed(byte[] nal) {
    int n = nal.length;
    return concat(bytes(n >>> 24, n >>> 16, n >>> 8, n), nal);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
