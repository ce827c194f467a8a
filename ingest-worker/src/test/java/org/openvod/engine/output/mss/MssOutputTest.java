package org.openvod.engine.output.mss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.fmp4.Boxes;
import org.openvod.engine.output.fmp4.FileSink;
import org.openvod.engine.output.fmp4.InitSegment;
import org.openvod.engine.output.fmp4.OutputTesting;
import org.openvod.engine.source.mp4.CollectingHandler;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.openvod.engine.source.smil.SmilDemuxer;
import org.openvod.engine.testing.OnePass;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class MssOutputTest {

  static final byte[] TFXD = HexFormat.of().parseHex("6d1d9b0542d544e680e2141daff757b2");
  static FileSink sink;

  static ManifestSpec low() {
    return new ManifestSpec("low", false, 0, "NONE", 0, 300_000, "ORIGINAL", "FULL", 0, "NONE");
  }

  static FileSink packageAbr(String folder) throws Exception {
    FileSink out = new FileSink(OutputTesting.folder(folder));
    var spec =
        OutputTesting.spec(
            OutputFormat.MSS,
            2,
            List.of(ManifestSpec.named("index"), low()),
            false,
            false,
            null,
            out);
    OutputTesting.packageSmil(Mp4TestMedia.abr(), "abr.smil", 2, new MssOutput(spec));
    return out;
  }

  @BeforeAll
  static void packageOnce() throws Exception {
    sink = packageAbr("mss");
  }

  static Element manifest(String path) throws Exception {
    return manifest(sink, path);
  }

  /** A Smooth client manifest of {@code sink}, parsed (no DOCTYPE allowed). */
  static Element manifest(FileSink sink, String path) throws Exception {
    var f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(sink.folder.resolve(path).toFile()).getDocumentElement();
  }

  static List<Element> children(Element e, String name) {
    NodeList list = e.getElementsByTagName(name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  @Test
  void everyFragmentTheManifestNamesExistsAndHasTheAdvertisedTimes() throws Exception {
    Element root = manifest("index.ism/Manifest");
    assertEquals("SmoothStreamingMedia", root.getTagName());
    assertEquals("10000000", root.getAttribute("TimeScale"));
    assertEquals(120_000_000L, Long.parseLong(root.getAttribute("Duration")));
    List<Element> streams = children(root, "StreamIndex");
    assertEquals(2, streams.size());
    int fragments = 0;
    for (Element stream : streams) {
      String url = stream.getAttribute("Url");
      List<Element> levels = children(stream, "QualityLevel");
      List<Element> chunks = children(stream, "c");
      assertEquals(Integer.parseInt(stream.getAttribute("Chunks")), chunks.size());
      assertEquals(Integer.parseInt(stream.getAttribute("QualityLevels")), levels.size());
      boolean video = stream.getAttribute("Type").equals("video");
      for (Element level : levels) {
        long expectedStart = 0;
        for (Element c : chunks) {
          long t = Long.parseLong(c.getAttribute("t"));
          long d = Long.parseLong(c.getAttribute("d"));
          assertEquals(expectedStart, t, "fragments are back to back");
          expectedStart = t + d;
          String path =
              "index.ism/"
                  + url.replace("{bitrate}", level.getAttribute("Bitrate"))
                      .replace("{start time}", String.valueOf(t));
          assertTrue(sink.order.contains(path), path + " missing");
          assertFragment(Files.readAllBytes(sink.folder.resolve(path)), t, d, video);
          fragments++;
        }
        assertEquals(video ? 120_000_000L : 120_000_000L, expectedStart, 250_000.0);
      }
    }
    assertEquals(4 * 6, fragments);
  }

  /**
   * An HLS-TS source's clock starts at 1.4 s (ffmpeg's TS offset); its MSS timeline starts at 0 at
   * the earliest audio or video sample, with audio and video still as far apart as in the source.
   * dash.js shifts a later start itself and then stalls 0.5 s before the end.
   */
  @Test
  void anHlsTsSourcesTimelineStartsAtZeroWithItsAudioVideoOffsetKept() throws Exception {
    Path source = TestMedia.threeRenditions();
    FileSink out = new FileSink(OutputTesting.folder("mss-from-ts"));
    OnePass.packageAll(
        source, TestMedia.MASTER, List.of(OutputSpec.of("ts", OutputFormat.MSS, 4, out)));
    Element root = manifest(out, "index.ism/Manifest");
    Map<String, Long> firstT = new HashMap<>();
    for (Element stream : children(root, "StreamIndex")) {
      Element first = children(stream, "c").get(0);
      firstT.put(stream.getAttribute("Type"), Long.parseLong(first.getAttribute("t")));
      String url = stream.getAttribute("Url");
      String level = children(stream, "QualityLevel").get(0).getAttribute("Bitrate");
      // the fragment itself says the same time as the manifest (tfxd)
      String path =
          "index.ism/"
              + url.replace("{bitrate}", level).replace("{start time}", first.getAttribute("t"));
      assertFragment(
          Files.readAllBytes(out.folder.resolve(path)),
          Long.parseLong(first.getAttribute("t")),
          Long.parseLong(first.getAttribute("d")),
          stream.getAttribute("Type").equals("video"));
    }
    assertEquals(0L, Math.min(firstT.get("video"), firstT.get("audio")), firstT.toString());
    // the source's first video and audio times (90 kHz) and their distance on the 10 MHz clock
    List<Tools.Packet> packets = Tools.packets(source, "v0/index.m3u8");
    long video = firstPts(packets, 0);
    long audio = firstPts(packets, 1);
    assertTrue(Math.min(video, audio) > 90_000, "the source starts after 1 s: " + packets.get(0));
    assertEquals(
        (video - audio) * 10_000_000.0 / 90_000,
        firstT.get("video") - firstT.get("audio"),
        2.0,
        firstT.toString());
  }

  private static long firstPts(List<Tools.Packet> packets, int stream) {
    return packets.stream()
        .filter(p -> p.streamIndex() == stream)
        .mapToLong(Tools.Packet::pts)
        .min()
        .orElseThrow();
  }

  /**
   * A source track as a Smooth client sees it when it builds the init segment MSS does not write:
   * track 1 on the 10 MHz clock of the manifest's fragment times.
   */
  static StreamInfo asSmoothClientSeesIt(StreamInfo info) {
    return new StreamInfo(
        1,
        1,
        info.kind(),
        info.codec(),
        info.codecString(),
        10_000_000L,
        info.width(),
        info.height(),
        info.frameRate(),
        0,
        0,
        info.decoderConfig(),
        info.bitrate(),
        null,
        null);
  }

  private static void assertFragment(byte[] data, long t, long d, boolean video) {
    List<Boxes.Box> top = Boxes.walk(data);
    assertEquals(List.of("moof", "mdat"), top.stream().map(Boxes.Box::type).toList());
    Boxes.Box moof = top.get(0);
    assertEquals(List.of("mfhd", "traf"), moof.childTypes());
    Boxes.Box traf = moof.child("traf");
    assertEquals(List.of("tfhd", "tfdt", "trun", "uuid"), traf.childTypes());
    ByteBuffer tfxd = traf.child("uuid").payload().duplicate();
    byte[] uuid = new byte[16];
    tfxd.get(uuid);
    assertArrayEquals(TFXD, uuid);
    assertEquals(0x01000000, tfxd.getInt(), "tfxd version 1");
    assertEquals(t, tfxd.getLong(), "tfxd absolute time");
    assertEquals(d, tfxd.getLong(), "tfxd duration");
    ByteBuffer tfdt = traf.child("tfdt").payload().duplicate();
    tfdt.getInt();
    assertEquals(t, tfdt.getLong());
    Boxes.Trun trun = Boxes.trun(traf.child("trun"));
    assertEquals(d, trun.totalDuration(), "trun durations add up to c@d");
    assertEquals(top.get(1).size() - 8, trun.totalSize(), "mdat holds the samples");
    assertEquals(moof.size() + 8, trun.dataOffset());
    if (video) {
      assertEquals(0x02000000L, trun.samples().get(0)[2], "starts with a key frame");
    }
  }

  @Test
  void qualityLevelsCarryCodecPrivateDataAndSelection() throws Exception {
    Element root = manifest("index.ism/Manifest");
    Element video = children(root, "StreamIndex").get(0);
    assertEquals("video", video.getAttribute("Type"));
    assertEquals(
        "QualityLevels({bitrate})/Fragments(video={start time})", video.getAttribute("Url"));
    List<Element> levels = children(video, "QualityLevel");
    assertEquals(3, levels.size());
    for (Element level : levels) {
      assertEquals("H264", level.getAttribute("FourCC"));
      assertTrue(
          level.getAttribute("CodecPrivateData").matches("0000000167[0-9A-F]+0000000168[0-9A-F]+"));
    }
    Element audio = children(root, "StreamIndex").get(1);
    assertEquals("eng", audio.getAttribute("Language"));
    Element aac = children(audio, "QualityLevel").get(0);
    assertEquals("AACL", aac.getAttribute("FourCC"));
    assertTrue(aac.getAttribute("CodecPrivateData").startsWith("1190"), "AAC-LC 48 kHz stereo");
    assertEquals("48000", aac.getAttribute("SamplingRate"));

    Element lowRoot = manifest("low.ism/Manifest");
    List<Element> lowLevels = children(children(lowRoot, "StreamIndex").get(0), "QualityLevel");
    assertEquals(1, lowLevels.size());
    assertTrue(Long.parseLong(lowLevels.get(0).getAttribute("Bitrate")) <= 300_000);
  }

  @Test
  void fragmentsDecodeBehindAnInitSegmentOnTheSameClock() throws Exception {
    CollectingHandler source = new CollectingHandler();
    new SmilDemuxer(new Mp4TestMedia.FolderLocator(Mp4TestMedia.abr()), "abr.smil")
        .run(source, f -> {});
    StreamInfo info = source.infos.get(1);
    StreamInfo smooth = asSmoothClientSeesIt(info);
    Element video = children(manifest("index.ism/Manifest"), "StreamIndex").get(0);
    String bitrate = children(video, "QualityLevel").get(0).getAttribute("Bitrate");
    assertEquals(String.valueOf(info.bitrate()), bitrate);
    Path joined = sink.folder.resolve("video.mp4");
    try (var out = Files.newOutputStream(joined)) {
      out.write(InitSegment.build(smooth, false));
      for (Element c : children(video, "c")) {
        out.write(
            Files.readAllBytes(
                sink.folder.resolve(
                    "index.ism/QualityLevels("
                        + bitrate
                        + ")/Fragments(video="
                        + c.getAttribute("t")
                        + ")")));
      }
    }
    OutputTesting.assertFfmpegReads(joined);
    int[] packets = OutputTesting.videoPackets(joined);
    assertEquals(360, packets[0]);
    assertEquals(6, packets[1]);
    assertEquals(12.0, OutputTesting.ffprobeDuration(joined), 1 / 30.0);
    Files.delete(joined);
  }

  @Test
  void manifestsComeLastAndOutputIsDeterministic() throws Exception {
    int first = Math.min(sink.indexOf("index.ism/Manifest"), sink.indexOf("low.ism/Manifest"));
    assertEquals(sink.order.size() - 2, first);
    FileSink again = packageAbr("mss-again");
    Map<String, byte[]> a = sink.contents();
    Map<String, byte[]> b = again.contents();
    assertEquals(a.keySet(), b.keySet());
    for (String path : a.keySet()) {
      assertArrayEquals(a.get(path), b.get(path), path);
    }
  }
}
