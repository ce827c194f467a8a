package org.openvod.engine.source.hls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvod.engine.codec.Scte35;
import org.openvod.engine.testing.AdMarkerMedia;
import org.openvod.engine.testing.Scte35Injector;
import org.openvod.engine.testing.TestMedia;

/** SCTE-35 sections out of real TS: whole, in order, also when they span several packets. */
class ScteSectionsTest {

  @Test
  void sectionsComeOutWholeAcrossPackets() throws Exception {
    Path source = AdMarkerMedia.copy(TestMedia.threeRenditions(), "scte35-sections");
    Path ts = source.resolve("v0/seg_001.ts");
    byte[] out = Scte35Injector.spliceInsert(1, true, 123_456, 90_000, 400); // three packets
    byte[] in = Scte35Injector.spliceInsert(1, false, 213_456, -1);
    Scte35Injector.inject(ts, List.of(out, in));
    List<byte[]> sections = new ArrayList<>();
    List<Integer> pesPids = new ArrayList<>();
    new TsPacketReader()
        .read(
            Files.readAllBytes(ts),
            "seg_001.ts",
            new TsPacketReader.PesListener() {
              @Override
              public void onPmt(Map<Integer, TsPacketReader.EsEntry> streams) {}

              @Override
              public void onPes(TsPacketReader.EsEntry stream, long pts, long dts, byte[] p) {
                pesPids.add(stream.pid());
              }

              @Override
              public void onSection(TsPacketReader.EsEntry stream, byte[] section) {
                assertEquals(Scte35Injector.PID, stream.pid());
                sections.add(section);
              }
            });
    assertEquals(2, sections.size());
    assertArrayEquals(out, sections.get(0));
    assertArrayEquals(in, sections.get(1));
    assertEquals(new Scte35.Signal(Scte35.Type.OUT, 123_456, 90_000, 1), Scte35.parse(out));
    assertEquals(false, pesPids.contains(Scte35Injector.PID), "sections are no PES");
    assertEquals(true, pesPids.size() > 100, "the media PES still come out");
  }
}
