package org.openvod.engine.source.hls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.AdMarker;
import org.openvod.engine.testing.Scte35Injector;

/** The source playlist's ad marker tags, read into markers at their segment's time. */
class CueTagsTest {

  @Test
  void cueOutWithItsOatclsSectionAndCueIn() {
    byte[] section = Scte35Injector.spliceInsert(5, true, 1000, -1);
    String b64 = Base64.getEncoder().encodeToString(section);
    List<AdMarker> out =
        CueTags.markers(List.of("#EXT-OATCLS-SCTE35:" + b64, "#EXT-X-CUE-OUT:30.5"), 777);
    assertEquals(1, out.size());
    AdMarker m = out.get(0);
    assertEquals(AdMarker.Kind.OUT, m.kind());
    assertEquals(777, m.time());
    assertEquals(30.5 * 90000, m.duration());
    assertEquals(5, m.eventId(), "from the section");
    assertArrayEquals(section, m.scte35());
    assertEquals(List.of("#EXT-OATCLS-SCTE35:" + b64, "#EXT-X-CUE-OUT:30.5"), m.sourceTags());

    AdMarker in = CueTags.markers(List.of("#EXT-X-CUE-IN"), 9).get(0);
    assertEquals(AdMarker.Kind.IN, in.kind());
    assertNull(in.scte35());
    assertEquals(-1, in.duration());
    assertEquals(
        20 * 90000, CueTags.markers(List.of("#EXT-X-CUE-OUT:DURATION=20"), 0).get(0).duration());
  }

  @Test
  void dateRangeWithScte35OutAndIn() {
    byte[] section = Scte35Injector.spliceInsert(8, true, 1000, 15 * 90000);
    String hex = "0x" + HexFormat.of().formatHex(section).toUpperCase();
    List<AdMarker> out =
        CueTags.markers(
            List.of(
                "#EXT-X-DATERANGE:ID=\"8\",START-DATE=\"2026-01-01T00:00:00Z\","
                    + "PLANNED-DURATION=15.0,SCTE35-OUT="
                    + hex),
            100);
    assertEquals(AdMarker.Kind.OUT, out.get(0).kind());
    assertEquals(15 * 90000, out.get(0).duration());
    assertEquals(8, out.get(0).eventId());
    assertArrayEquals(section, out.get(0).scte35());
    AdMarker in =
        CueTags.markers(List.of("#EXT-X-DATERANGE:ID=\"8\",SCTE35-IN=" + hex), 200).get(0);
    assertEquals(AdMarker.Kind.IN, in.kind());
  }

  @Test
  void scte35TagTakesItsKindFromTheSectionAndBrokenOnesAreTagsOnly() {
    byte[] in = Scte35Injector.spliceInsert(3, false, 1000, -1);
    String b64 = Base64.getEncoder().encodeToString(in);
    AdMarker m = CueTags.markers(List.of("#EXT-X-SCTE35:CUE=\"" + b64 + "\",ID=\"3\""), 0).get(0);
    assertEquals(AdMarker.Kind.IN, m.kind());
    // a CUE-OUT whose OATCLS section is garbage still counts, without the section
    AdMarker out =
        CueTags.markers(List.of("#EXT-OATCLS-SCTE35:AAAA", "#EXT-X-CUE-OUT:10"), 0).get(0);
    assertEquals(AdMarker.Kind.OUT, out.kind());
    assertNull(out.scte35());
    assertTrue(CueTags.isCueTag("#EXT-X-CUE-OUT"));
    assertTrue(!CueTags.isCueTag("#EXT-X-CUE-OUT-CONT:ElapsedTime=2"));
    assertTrue(!CueTags.isCueTag("#EXT-X-DATERANGE:ID=\"x\",CLASS=\"other\""));
  }
}
