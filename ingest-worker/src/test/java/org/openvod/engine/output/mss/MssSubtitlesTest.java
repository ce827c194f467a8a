package org.openvod.engine.output.mss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.TestKeys;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.fmp4.Boxes;
import org.openvod.engine.output.fmp4.FileSink;
import org.openvod.engine.output.fmp4.OutputTesting;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.openvod.engine.testing.OnePass;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;
import org.openvod.engine.testing.TtmlCues;
import org.w3c.dom.Element;

/**
 * WebVTT subtitles (a SMIL's SRT, an HLS source's rendition) become a Smooth Streaming text stream:
 * the manifest's StreamIndex Type="text" has one TTML quality level and the video's chunks, every
 * chunk's fragment exists (moof with tfxd, mdat), and each fragment's TTML document is well-formed
 * and holds exactly the cues of its time span, at fragment-relative times. Without subtitles the
 * output is byte for byte what it was; encrypted outputs keep their text clear.
 */
class MssSubtitlesTest {

  static final String TTML = "http://www.w3.org/ns/ttml";

  static final String SRT =
      "1\r\n00:00:01,000 --> 00:00:03,000\r\nHello <font color=\"red\">there</font> & you"
          + "\r\nsecond <b>line</b>\r\n\r\n"
          + "2\r\n00:00:05,500 --> 00:00:06,500\r\n<i>Across</i> the cut\r\n\r\n"
          + "3\r\n00:00:09,000 --> 00:00:11,000\r\nBye\r\n";

  /** The SRT's cues as a player must show them; 2 s fragments: each one crosses a cut. */
  static final List<Cue> SRT_CUES =
      List.of(
          new Cue(1000, 3000, "Hello there & you\nsecond line"),
          new Cue(5500, 6500, "Across the cut"),
          new Cue(9000, 11000, "Bye"));

  /** A cue as read back: media milliseconds, its lines joined by '\n'. */
  record Cue(double start, double end, String text) {}

  static FileSink subs;
  static FileSink again;
  static FileSink noSubs;
  static FileSink encrypted;

  @BeforeAll
  static void packageOnce() throws Exception {
    Path source = Mp4TestMedia.withSrt("mss-srt-source", SRT);
    Files.writeString(
        source.resolve("nosubs.smil"),
        """
        <smil><body><switch>
          <video src="abr_360.mp4" systemLanguage="eng" audioName="English"/>
          <video src="abr_270.mp4" includeAudio="false"/>
        </switch></body></smil>
        """);
    subs = new FileSink(OutputTesting.folder("mss-subs"));
    again = new FileSink(OutputTesting.folder("mss-subs-again"));
    encrypted = new FileSink(OutputTesting.folder("mss-subs-cenc"));
    noSubs = new FileSink(OutputTesting.folder("mss-no-subs"));
    OnePass.packageAll(
        source,
        "subs.smil",
        List.of(
            spec("subs", subs),
            spec("again", again),
            OutputSpec.of("cenc", OutputFormat.MSS, 2, encrypted)
                .withEncryption(TestKeys.singleKey(EncryptionMode.CENC, null))));
    OnePass.packageAll(source, "nosubs.smil", List.of(spec("nosubs", noSubs)));
  }

  static OutputSpec spec(String id, FileSink sink) {
    return OutputSpec.of(id, OutputFormat.MSS, 2, sink)
        .withManifests(
            List.of(
                ManifestSpec.named("index"),
                // only the lower of the source's two renditions (about 600 and 400 kb/s)
                new ManifestSpec(
                    "low", false, 0, "NONE", 0, 500_000, "ORIGINAL", "FULL", 0, "NONE")));
  }

  @Test
  void smilSrtBecomesATtmlTextStreamWithTheCuesOfEachFragment() throws Exception {
    for (String manifest : List.of("index.ism/", "low.ism/")) {
      assertCues(SRT_CUES, checkTextStream(subs, manifest, "eng"));
    }
  }

  @Test
  void hlsWebVttBecomesATextStreamWithTheSourceTimes() throws Exception {
    Path source = TestMedia.withSubtitles();
    FileSink out = new FileSink(OutputTesting.folder("mss-subs-hls"));
    OnePass.packageAll(
        source, TestMedia.MASTER, List.of(OutputSpec.of("hls", OutputFormat.MSS, 2, out)));
    // the source's cues, read from its WebVTT segments (no X-TIMESTAMP-MAP: media times)
    List<Cue> expected = new ArrayList<>();
    try (var files = Files.list(source.resolve("v0"))) {
      for (Path vtt : files.filter(p -> p.toString().endsWith(".vtt")).sorted().toList()) {
        Matcher cue =
            Pattern.compile("(\\d\\d):(\\d\\d\\.\\d{3}) --> (\\d\\d):(\\d\\d\\.\\d{3})\n(.+)\n")
                .matcher(TestMedia.read(vtt));
        while (cue.find()) {
          Cue c = new Cue(vttMillis(cue, 1), vttMillis(cue, 3), cue.group(5));
          if (!expected.contains(c)) {
            expected.add(c);
          }
        }
      }
    }
    assertEquals(List.of("Hello", "World", "Bye"), expected.stream().map(Cue::text).toList());
    // the MSS timeline starts at 0 at the source's first audio or video sample (ffmpeg's TS clock
    // starts at 1.4 s): every cue moves back by that much (TS times are on a 90 kHz clock)
    double origin =
        Tools.packets(source, "v0/index.m3u8").stream()
                .mapToLong(Tools.Packet::pts)
                .filter(pts -> pts != Long.MIN_VALUE)
                .min()
                .orElseThrow()
            / 90.0;
    assertTrue(origin > 1000, "the source starts at " + origin + " ms");
    expected.replaceAll(c -> new Cue(c.start() - origin, c.end() - origin, c.text()));
    List<Cue> cues = checkTextStream(out, "index.ism/", "en");
    // ffmpeg's WebVTT runs ahead of its TS clock: "Hello" starts before the first fragment (before
    // the timeline's 0), which shows it from its start on
    Element text = textIndex(manifest(out, "index.ism/"));
    double first = Long.parseLong(children(text, "c").get(0).getAttribute("t")) / 10_000.0;
    assertTrue(expected.get(0).start() < first && expected.get(0).end() > first, "" + first);
    expected.set(0, new Cue(first, expected.get(0).end(), expected.get(0).text()));
    assertCues(expected, cues);
  }

  @Test
  void withoutSubtitlesTheOutputIsUnchangedAndPackagingIsDeterministic() throws Exception {
    Map<String, byte[]> withText = subs.contents();
    Map<String, byte[]> repeated = again.contents();
    assertEquals(withText.keySet(), repeated.keySet());
    for (String path : withText.keySet()) {
      assertArrayEquals(withText.get(path), repeated.get(path), path);
    }
    Map<String, byte[]> without = noSubs.contents();
    for (String path : withText.keySet()) {
      if (path.contains("/Fragments(text_")) {
        assertFalse(without.containsKey(path), path);
        continue;
      }
      assertTrue(without.containsKey(path), path + " only with subtitles");
      if (path.endsWith("/Manifest")) {
        // the same manifest but for the text StreamIndex
        String text = new String(withText.get(path), StandardCharsets.UTF_8);
        String stripped =
            text.replaceAll("(?s)  <StreamIndex Type=\"text\".*?</StreamIndex>\n", "");
        assertFalse(stripped.equals(text), path + " has a text stream");
        assertEquals(new String(without.get(path), StandardCharsets.UTF_8), stripped, path);
        assertFalse(stripped.contains("text"), path);
      } else {
        assertArrayEquals(without.get(path), withText.get(path), path);
      }
    }
    assertEquals(withText.size() - textFragments(subs).size(), without.size());
  }

  @Test
  void encryptedSmoothKeepsItsTextClear() throws Exception {
    Element root = manifest(encrypted, "index.ism/");
    assertEquals(1, children(root, "ProtectionHeader").size());
    assertCues(SRT_CUES, checkTextStream(encrypted, "index.ism/", "eng"));
    // the video fragments are encrypted: a PIFF sample encryption uuid after the tfxd
    String video =
        encrypted.order.stream().filter(p -> p.contains("/Fragments(video=")).findFirst().get();
    Boxes.Box traf =
        Boxes.first(Files.readAllBytes(encrypted.folder.resolve(video)), "moof").child("traf");
    assertEquals(List.of("tfhd", "tfdt", "trun", "uuid", "uuid"), traf.childTypes());
  }

  private static List<String> textFragments(FileSink sink) {
    return sink.order.stream().filter(p -> p.contains("/Fragments(text_")).toList();
  }

  /**
   * Checks the manifest's text StreamIndex and every fragment it names (boxes, tfxd, one TTML
   * sample holding only cues of its own time); returns the cues on the media timeline with the
   * pieces a fragment cut split joined back.
   */
  static List<Cue> checkTextStream(FileSink sink, String folder, String language) throws Exception {
    Element root = manifest(sink, folder);
    Element text = textIndex(root);
    String name = text.getAttribute("Name");
    assertEquals("SUBT", text.getAttribute("Subtype"));
    assertEquals(language, text.getAttribute("Language"));
    assertEquals("text_" + language, name);
    String url = text.getAttribute("Url");
    assertEquals("QualityLevels({bitrate})/Fragments(" + name + "={start time})", url);
    assertEquals("1", text.getAttribute("QualityLevels"));
    List<Element> levels = children(text, "QualityLevel");
    assertEquals(1, levels.size());
    assertEquals("TTML", levels.get(0).getAttribute("FourCC"));
    long bitrate = Long.parseLong(levels.get(0).getAttribute("Bitrate"));
    assertTrue(bitrate > 0);
    List<Element> chunks = children(text, "c");
    assertEquals(Integer.parseInt(text.getAttribute("Chunks")), chunks.size());
    // the text stream has the video's fragment times
    Element video =
        children(root, "StreamIndex").stream()
            .filter(s -> s.getAttribute("Type").equals("video"))
            .findFirst()
            .orElseThrow();
    assertEquals(times(children(video, "c")), times(chunks));
    assertTrue(chunks.size() > 3, "several fragments");

    List<Cue> pieces = new ArrayList<>();
    long expectedStart = -1;
    for (Element c : chunks) {
      long t = Long.parseLong(c.getAttribute("t"));
      long d = Long.parseLong(c.getAttribute("d"));
      if (expectedStart >= 0) {
        assertEquals(expectedStart, t, "fragments are back to back");
      }
      expectedStart = t + d;
      String path =
          folder
              + url.replace("{bitrate}", String.valueOf(bitrate))
                  .replace("{start time}", String.valueOf(t));
      assertTrue(sink.order.contains(path), path + " missing");
      byte[] ttml = fragmentSample(Files.readAllBytes(sink.folder.resolve(path)), t, d);
      double from = t / 10_000.0;
      double to = (t + d) / 10_000.0;
      for (Cue relative : ttmlCues(ttml, language)) {
        Cue cue = new Cue(from + relative.start(), from + relative.end(), relative.text());
        assertTrue(
            cue.start() >= from - 1 && cue.end() <= to + 1 && cue.start() < cue.end(),
            cue + " in the fragment at " + t);
        pieces.add(cue);
      }
    }
    List<Cue> cues = new ArrayList<>();
    for (Cue p : pieces) {
      Cue last = cues.isEmpty() ? null : cues.get(cues.size() - 1);
      if (last != null && last.text().equals(p.text()) && Math.abs(last.end() - p.start()) <= 1) {
        cues.set(cues.size() - 1, new Cue(last.start(), p.end(), p.text()));
      } else {
        cues.add(p);
      }
    }
    return cues;
  }

  /** The one sample of a text fragment, its boxes checked as a Smooth fragment's. */
  private static byte[] fragmentSample(byte[] data, long t, long d) {
    List<Boxes.Box> top = Boxes.walk(data);
    assertEquals(List.of("moof", "mdat"), top.stream().map(Boxes.Box::type).toList());
    Boxes.Box traf = top.get(0).child("traf");
    assertEquals(List.of("tfhd", "tfdt", "trun", "uuid"), traf.childTypes(), "clear, with tfxd");
    ByteBuffer tfxd = traf.child("uuid").payload().duplicate();
    byte[] uuid = new byte[16];
    tfxd.get(uuid);
    assertArrayEquals(MssOutputTest.TFXD, uuid);
    assertEquals(0x01000000, tfxd.getInt(), "tfxd version 1");
    assertEquals(t, tfxd.getLong(), "tfxd absolute time");
    assertEquals(d, tfxd.getLong(), "tfxd duration");
    assertEquals(t, traf.child("tfdt").payload().getLong(4));
    Boxes.Trun trun = Boxes.trun(traf.child("trun"));
    assertEquals(1, trun.samples().size());
    assertEquals(d, trun.totalDuration());
    assertEquals(top.get(0).size() + 8, trun.dataOffset());
    ByteBuffer mdat = top.get(1).payload();
    assertEquals(mdat.remaining(), trun.totalSize(), "the mdat is the one sample");
    byte[] sample = new byte[mdat.remaining()];
    mdat.get(sample);
    return sample;
  }

  /** The p elements of one TTML document (times as written), checked to be TTML of the language. */
  static List<Cue> ttmlCues(byte[] ttml, String language) throws Exception {
    return TtmlCues.of(ttml, language).stream()
        .map(c -> new Cue(c.begin(), c.end(), c.text()))
        .toList();
  }

  private static void assertCues(List<Cue> expected, List<Cue> actual) {
    assertEquals(expected.size(), actual.size(), actual.toString());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).text(), actual.get(i).text());
      assertEquals(expected.get(i).start(), actual.get(i).start(), 1, actual.get(i).toString());
      assertEquals(expected.get(i).end(), actual.get(i).end(), 1, actual.get(i).toString());
    }
  }

  private static double vttMillis(Matcher m, int group) {
    return Long.parseLong(m.group(group)) * 60_000
        + Math.round(Double.parseDouble(m.group(group + 1)) * 1000);
  }

  private static List<String> times(List<Element> chunks) {
    return chunks.stream().map(c -> c.getAttribute("t") + "+" + c.getAttribute("d")).toList();
  }

  static Element manifest(FileSink sink, String folder) throws Exception {
    return MssOutputTest.manifest(sink, folder + "Manifest");
  }

  static Element textIndex(Element root) {
    List<Element> texts =
        children(root, "StreamIndex").stream()
            .filter(s -> s.getAttribute("Type").equals("text"))
            .toList();
    assertEquals(1, texts.size(), "one text StreamIndex");
    return texts.get(0);
  }

  static List<Element> children(Element e, String name) {
    return MssOutputTest.children(e, name);
  }
}
