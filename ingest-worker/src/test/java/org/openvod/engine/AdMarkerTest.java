package org.openvod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.testing.AdMarkerMedia;
import org.openvod.engine.testing.DirectorySink;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * SCTE-35 ad markers from an HLS-TS source (sections in the TS, or cue tags in the playlists):
 * segments cut at the marker's key frame, and HLS tags per adMarkers.
 *
 * <p>The source is {@link TestMedia#threeRenditions} (key frames every 2 s, 4 s segments): a break
 * from 3 s to 9 s. Without markers the 4 s target cuts at 0, 4, 8; the break's end at 9 s forces a
 * cut at the key frame at 10 s, so segments are 0-4, 4-8, 8-10, 10-12, and the break covers the
 * second and third.
 */
class AdMarkerTest {

  static final long EVENT_ID = AdMarkerMedia.EVENT_ID;

  /** One media playlist entry: the tag lines before its EXTINF, and its duration. */
  record Entry(List<String> tags, double seconds) {}

  @Test
  void inBandSpliceInsertCutsAndBecomesCueTags() throws Exception {
    AdMarkerMedia.Source media = AdMarkerMedia.threeRenditionsWithBreak("scte35-inband");
    Path source = media.dir();
    // the oracle agrees the TS now carries SCTE-35
    assertTrue(
        Tools.streams(source.resolve("v1"), "seg_000.ts").stream()
            .anyMatch(s -> s.startsWith("scte_35")),
        "ffprobe sees an scte_35 stream");
    String b64 = media.sectionBase64();

    Path result = pack(source, "scte35-inband-out");
    for (String playlist : List.of("enh_v0.m3u8", "enh_v2.m3u8", "enh_a0.m3u8")) {
      List<Entry> entries = entries(result.resolve("HLS_TS/" + playlist));
      assertDurations(entries, playlist);
      assertEquals(List.of(), entries.get(0).tags(), playlist);
      assertEquals(
          List.of("#EXT-OATCLS-SCTE35:" + b64, "#EXT-X-CUE-OUT:6.000"),
          entries.get(1).tags(),
          playlist);
      // elapsed time is the playlist's own: audio segments end on audio frames (4.000 +- 0.02)
      List<String> cont = entries.get(2).tags();
      assertEquals(1, cont.size(), playlist);
      double elapsed =
          Double.parseDouble(cont.get(0).replaceAll(".*ElapsedTime=([0-9.]+),.*", "$1"));
      assertEquals(4.0, elapsed, 0.025, playlist);
      assertEquals(
          "#EXT-X-CUE-OUT-CONT:ElapsedTime="
              + String.format(java.util.Locale.ROOT, "%.3f", elapsed)
              + ",Duration=6.000,SCTE35="
              + b64,
          cont.get(0),
          playlist);
      assertEquals(List.of("#EXT-X-CUE-IN"), entries.get(3).tags(), playlist);
    }
    List<Entry> pass = entries(result.resolve("HLS_TS/pass_v1.m3u8"));
    assertEquals(List.of("#EXT-X-SCTE35:CUE=\"" + b64 + "\""), pass.get(1).tags());
    assertEquals(List.of(), pass.get(3).tags(), "the derived return has no section to pass");
    for (Entry e : entries(result.resolve("HLS_TS/plain_v0.m3u8"))) {
      assertEquals(List.of(), e.tags(), "adMarkers NONE writes no tags");
    }
    List<Entry> cmaf = entries(cmafVideoPlaylist(result, "enh"));
    assertDurations(cmaf, "cmaf");
    assertEquals(List.of("#EXT-OATCLS-SCTE35:" + b64, "#EXT-X-CUE-OUT:6.000"), cmaf.get(1).tags());
    assertEquals(List.of("#EXT-X-CUE-IN"), cmaf.get(3).tags());
    assertReadable(result);
    assertDashPeriods(result, b64);
  }

  /**
   * periodTriggers ADS: Periods at the break's start (segment 1) and end (segment 3), each with its
   * segments; the first break Period carries the splice_insert in an EventStream; the MPDs (FULL
   * and COMPACT) validate against the DASH schema.
   */
  private static void assertDashPeriods(Path result, String b64) throws Exception {
    Schema schema =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(AdMarkerTest.class.getResource("/dash-schema/DASH-MPD.xsd"));
    for (String name : List.of("index.mpd", "compact.mpd")) {
      Path mpd = result.resolve("DASH/" + name);
      schema.newValidator().validate(new StreamSource(mpd.toFile()));
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      Element root = f.newDocumentBuilder().parse(mpd.toFile()).getDocumentElement();
      List<Element> periods = children(root, "Period");
      assertEquals(3, periods.size(), name);
      double[] starts = {0, 4, 10};
      int[] segments = {1, 2, 1};
      for (int p = 0; p < 3; p++) {
        Element period = periods.get(p);
        double start = Double.parseDouble(period.getAttribute("start").replaceAll("[PTS]", ""));
        assertEquals(starts[p], start, 0.05, name + " period " + p);
        for (Element timeline : descendants(period, "SegmentTimeline")) {
          int count = 0;
          for (Element seg : children(timeline, "S")) {
            count += 1 + (seg.hasAttribute("r") ? Integer.parseInt(seg.getAttribute("r")) : 0);
          }
          assertEquals(segments[p], count, name + " period " + p + " segments");
        }
        for (Element template : descendants(period, "SegmentTemplate")) {
          assertEquals(
              String.valueOf(new int[] {1, 2, 4}[p]), template.getAttribute("startNumber"));
        }
        List<Element> events = descendants(period, "Event");
        assertEquals(p == 1 ? 1 : 0, events.size(), name + " period " + p + " events");
        if (p == 1) {
          Element event = events.get(0);
          assertEquals("540000", event.getAttribute("duration"));
          assertEquals(String.valueOf(EVENT_ID), event.getAttribute("id"));
          assertEquals(b64, descendants(event, "Binary").get(0).getTextContent());
        }
      }
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<Element> descendants(Element parent, String name) {
    NodeList list = parent.getElementsByTagNameNS("*", name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  @Test
  void playlistCueTagsCutAndPassThrough() throws Exception {
    Path source = copy(TestMedia.threeRenditions(), "scte35-tags");
    // a break over the source's second segment (4-8 s): tags before it and before the third
    for (int v = 0; v < 3; v++) {
      Path playlist = source.resolve("v" + v + "/index.m3u8");
      List<String> lines = new ArrayList<>(Files.readAllLines(playlist));
      int segment = 0;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("#EXTINF")) {
          if (segment == 1) {
            lines.add(i++, "#EXT-X-CUE-OUT:4");
          } else if (segment == 2) {
            lines.add(i++, "#EXT-X-CUE-IN");
          }
          segment++;
        }
      }
      Files.write(playlist, lines);
    }
    Path result = pack(source, "scte35-tags-out");
    List<Entry> pass = entries(result.resolve("HLS_TS/pass_v0.m3u8"));
    assertEquals(List.of("#EXT-X-CUE-OUT:4"), pass.get(1).tags());
    assertEquals(List.of("#EXT-X-CUE-IN"), pass.get(2).tags());
    List<Entry> enh = entries(result.resolve("HLS_TS/enh_v2.m3u8"));
    assertEquals(List.of("#EXT-X-CUE-OUT:4.000"), enh.get(1).tags());
    assertEquals(List.of("#EXT-X-CUE-IN"), enh.get(2).tags());
    assertReadable(result);
  }

  // ---------------------------------------------------------------------------------------------

  private static void assertDurations(List<Entry> entries, String what) {
    List<Long> millis = entries.stream().map(e -> Math.round(e.seconds() * 10)).toList();
    assertEquals(List.of(40L, 40L, 20L, 20L), millis, what + ": segments 4, 4, 2, 2 s");
  }

  private static Path pack(Path source, String name) throws Exception {
    Path out = TestMedia.scratch(name);
    List<ManifestSpec> hls =
        List.of(
            manifest("enh", "SCTE35_ENHANCED"),
            manifest("pass", "PASSTHROUGH"),
            manifest("plain", "NONE"));
    List<OutputSpec> specs = new ArrayList<>();
    specs.add(spec(OutputFormat.HLS_TS, hls, out, true));
    specs.add(spec(OutputFormat.CMAF, hls, out, false));
    OutputSpec dash =
        spec(OutputFormat.DASH, List.of(ManifestSpec.named("index"), compact()), out, false);
    specs.add(dash.withPeriodTriggers(List.of(OutputSpec.PERIOD_TRIGGER_ADS)));
    List<OutputResult> results =
        Packager.run(new FileSourceLocator(source), TestMedia.MASTER, specs, ProgressListener.NONE);
    for (OutputResult r : results) {
      assertTrue(r.succeeded(), r.outputId() + ": " + r.error());
    }
    return out;
  }

  private static ManifestSpec compact() {
    return new ManifestSpec(
        "compact", false, 0, "NONE", 0, Integer.MAX_VALUE, "ORIGINAL", "COMPACT", 0, "NONE");
  }

  private static ManifestSpec manifest(String name, String adMarkers) {
    return new ManifestSpec(
        name, false, 0, adMarkers, 0, Integer.MAX_VALUE, "ORIGINAL", "FULL", 0, "NONE");
  }

  private static OutputSpec spec(
      OutputFormat format, List<ManifestSpec> manifests, Path out, boolean audioGroup)
      throws IOException {
    return OutputSpec.of(
            format.name(),
            format,
            4,
            new DirectorySink(Files.createDirectories(out.resolve(format.name()))))
        .withManifests(manifests)
        .withAudioRenditionGroup(audioGroup);
  }

  private static Path cmafVideoPlaylist(Path result, String manifest) throws IOException {
    try (Stream<Path> dirs = Files.list(result.resolve("CMAF"))) {
      Path video =
          dirs.filter(p -> p.getFileName().toString().startsWith("video_"))
              .sorted()
              .findFirst()
              .orElseThrow();
      return video.resolve(manifest + ".m3u8");
    }
  }

  private static void assertReadable(Path result) {
    for (String manifest : List.of("HLS_TS/enh.m3u8", "CMAF/enh.m3u8")) {
      Tools.Result read = Tools.readBack(result, manifest);
      assertEquals(0, read.exitCode(), manifest + ": " + read.stderr());
    }
  }

  static List<Entry> entries(Path playlist) {
    List<Entry> out = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (String line : TestMedia.read(playlist).split("\n")) {
      if (line.startsWith("#EXTINF:")) {
        String value = line.substring(8, line.indexOf(','));
        out.add(new Entry(List.copyOf(tags), Double.parseDouble(value)));
        tags.clear();
      } else if (line.startsWith("#EXT-X-CUE")
          || line.startsWith("#EXT-OATCLS")
          || line.startsWith("#EXT-X-SCTE35")) {
        tags.add(line);
      }
    }
    return out;
  }

  static Path copy(Path from, String name) throws IOException {
    return AdMarkerMedia.copy(from, name);
  }
}
