package org.openvod.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.openvod.engine.testing.Scte35Injector;

class Scte35Test {

  /**
   * time_signal sections with segmentation descriptors, as AWS MediaConvert's published
   * SCTE35_ENHANCED sample playlist carries them: a placement opportunity start (0x34) at 10 s and
   * its end (0x35) at 40 s.
   */
  @Test
  void readsTimeSignalsWithSegmentationDescriptors() {
    Scte35.Signal start =
        Scte35.parse(
            Base64.getDecoder().decode("/DAnAAAAAAAAAP/wBQb+AA27oAARAg9DVUVJAAAAAX+HCQA0AAE0xUZn"));
    assertEquals(new Scte35.Signal(Scte35.Type.OUT, 900_000, -1, 1), start);
    Scte35.Signal end =
        Scte35.parse(
            Base64.getDecoder().decode("/DAnAAAAAAAAAP/wBQb+ADbugAARAg9DVUVJAAAAAX+HCQA1AAA3v5+Q"));
    assertEquals(new Scte35.Signal(Scte35.Type.IN, 3_600_000, -1, 1), end);
  }

  @Test
  void readsSpliceInsertWithBreakDuration() {
    byte[] out = Scte35Injector.spliceInsert(42, true, (1L << 33) - 10, 30 * 90000);
    assertEquals(
        new Scte35.Signal(Scte35.Type.OUT, (1L << 33) - 10, 2_700_000, 42), Scte35.parse(out));
    byte[] in = Scte35Injector.spliceInsert(42, false, 123, -1);
    assertEquals(new Scte35.Signal(Scte35.Type.IN, 123, -1, 42), Scte35.parse(in));
  }

  @Test
  void refusesBrokenSectionsAndIgnoresOtherCommands() {
    byte[] out = Scte35Injector.spliceInsert(1, true, 0, -1);
    out[10] ^= 1;
    assertThrows(IllegalArgumentException.class, () -> Scte35.parse(out));
    assertThrows(IllegalArgumentException.class, () -> Scte35.parse(new byte[] {(byte) 0xFC, 0}));
    // splice_null (command 0): no marker
    byte[] nul = Base64.getDecoder().decode("/DARAAAAAAAAAP/wAAAAAHpPv/8=");
    assertEquals(0, Scte35.crc32(nul, 0, nul.length), "a valid section");
    assertNull(Scte35.parse(nul));
  }
}
