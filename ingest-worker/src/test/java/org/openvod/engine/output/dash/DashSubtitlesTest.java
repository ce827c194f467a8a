package org.openvod.engine.output.dash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.engine.Packager;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.fmp4.Boxes;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.openvod.engine.testing.DirectorySink;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;
import org.openvod.engine.testing.TtmlCues;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * WebVTT subtitles (an HLS source's rendition, a SMIL's SRT) become a DASH text adaptation set of
 * TTML in MP4 ('stpp'): the MPD validates, ffprobe reads the track, every segment of the video's
 * grid has one TTML document, and the cues keep their text and media times across segments.
 */
class DashSubtitlesTest {

  static final String TTML = "http://www.w3.org/ns/ttml";
  static Schema schema;

  /** A cue as read back: media milliseconds and its lines joined by '\n'. */
  record Cue(long start, long end, String text) {}

  @BeforeAll
  static void loadSchema() throws Exception {
    URL xsd = DashSubtitlesTest.class.getResource("/dash-schema/DASH-MPD.xsd");
    schema =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(new StreamSource(xsd.openStream(), xsd.toString()));
  }

  static Path packageDash(Path source, String root, String name, int seconds, String template)
      throws Exception {
    Path out = TestMedia.scratch(name);
    OutputSpec spec =
        OutputSpec.of("dash", OutputFormat.DASH, seconds, new DirectorySink(out))
            .withManifests(List.of(ManifestSpec.named("index"), DashOutputTest.compact()));
    if (template != null) {
      spec = spec.withSegmentTemplateFormat(template);
    }
    OutputResult result =
        Packager.run(new FileSourceLocator(source), root, List.of(spec), ProgressListener.NONE)
            .get(0);
    assertTrue(result.succeeded(), result.error());
    return out;
  }

  @Test
  void hlsWebVttBecomesTtmlInMp4WithTheSourceTimes() throws Exception {
    Path source = TestMedia.withSubtitles();
    Path out = packageDash(source, TestMedia.MASTER, "dash-subs-hls", 4, null);
    Path mpd = out.resolve("index.mpd");
    // the source's cues, read from its WebVTT segments: ffmpeg writes no X-TIMESTAMP-MAP, so
    // (RFC 8216) their times are media times
    List<Cue> expected = new ArrayList<>();
    try (var files = Files.list(source.resolve("v0"))) {
      for (Path vtt : files.filter(p -> p.toString().endsWith(".vtt")).sorted().toList()) {
        String text = TestMedia.read(vtt);
        assertTrue(!text.contains("X-TIMESTAMP-MAP"), text);
        Matcher cue =
            Pattern.compile("(\\d\\d):(\\d\\d\\.\\d{3}) --> (\\d\\d):(\\d\\d\\.\\d{3})\n(.+)\n")
                .matcher(text);
        while (cue.find()) {
          Cue c = new Cue(vttMillis(cue, 1), vttMillis(cue, 3), cue.group(5));
          if (!expected.contains(c)) {
            expected.add(c);
          }
        }
      }
    }
    assertEquals(List.of("Hello", "World", "Bye"), expected.stream().map(Cue::text).toList());
    List<Cue> cues = checkTextSet(mpd, "en");
    // ffmpeg's WebVTT runs 1.4 s ahead of its TS clock (it moves TS times by 1.4 s, cue times not):
    // "Hello" starts before the first segment, and the segments show it from their start on
    long first = firstSegmentTime(mpd);
    assertTrue(expected.get(0).start() < first && expected.get(0).end() > first);
    expected.set(0, new Cue(first, expected.get(0).end(), expected.get(0).text()));
    assertCues(expected, cues);
  }

  static long firstSegmentTime(Path mpd) throws Exception {
    Element text =
        elements(parse(Files.readAllBytes(mpd)).getDocumentElement(), "AdaptationSet").stream()
            .filter(e -> e.getAttribute("contentType").equals("text"))
            .findFirst()
            .orElseThrow();
    return timeline(elements(text, "SegmentTemplate").get(0)).get(0)[0];
  }

  private static long vttMillis(Matcher m, int group) {
    return Long.parseLong(m.group(group)) * 60_000
        + Math.round(Double.parseDouble(m.group(group + 1)) * 1000);
  }

  @Test
  void smilSrtBecomesTtmlAndCuesOverSegmentCutsKeepTheirTimes() throws Exception {
    Path source =
        Mp4TestMedia.withSrt(
            "dash-srt-source",
            "1\r\n00:00:01,000 --> 00:00:03,000\r\nHello <font color=\"red\">there</font> & you"
                + "\r\nsecond <b>line</b>\r\n\r\n"
                + "2\r\n00:00:05,500 --> 00:00:06,500\r\n<i>Across</i> the cut\r\n\r\n"
                + "3\r\n00:00:09,000 --> 00:00:11,000\r\nBye\r\n");
    for (String template :
        List.of("NUMBER_WITH_TIMELINE", "TIME_WITH_TIMELINE", "NUMBER_WITH_DURATION")) {
      Path out = packageDash(source, "subs.smil", "dash-subs-srt-" + template, 2, template);
      for (String mpd : List.of("index.mpd", "compact.mpd")) {
        List<Cue> cues = checkTextSet(out.resolve(mpd), "eng");
        // 2 s segments: every cue crosses a cut (2, 6 and 10 s), clipped into both segments
        assertCues(
            List.of(
                new Cue(1000, 3000, "Hello there & you\nsecond line"),
                new Cue(5500, 6500, "Across the cut"),
                new Cue(9000, 11000, "Bye")),
            cues);
      }
    }
  }

  private static void assertCues(List<Cue> expected, List<Cue> actual) {
    assertEquals(expected.size(), actual.size(), actual.toString());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).text(), actual.get(i).text());
      assertEquals(expected.get(i).start(), actual.get(i).start(), 1, actual.get(i).toString());
      assertEquals(expected.get(i).end(), actual.get(i).end(), 1, actual.get(i).toString());
    }
  }

  /**
   * Validates the MPD, checks its text set and the stpp track (init and every segment of the
   * timeline, end to end), ffprobe reads it; returns the cues with the pieces a segment cut split
   * joined back.
   */
  static List<Cue> checkTextSet(Path mpd, String language) throws Exception {
    byte[] bytes = Files.readAllBytes(mpd);
    schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(bytes)));
    Document doc = parse(bytes);
    List<Element> texts =
        elements(doc.getDocumentElement(), "AdaptationSet").stream()
            .filter(e -> e.getAttribute("contentType").equals("text"))
            .toList();
    assertEquals(1, texts.size());
    Element set = texts.get(0);
    assertEquals("application/mp4", set.getAttribute("mimeType"));
    assertEquals(language, set.getAttribute("lang"));
    Element role = elements(set, "Role").get(0);
    assertEquals("urn:mpeg:dash:role:2011", role.getAttribute("schemeIdUri"));
    assertEquals("subtitle", role.getAttribute("value"));
    Element representation = elements(set, "Representation").get(0);
    assertEquals("stpp.ttml.im1t", representation.getAttribute("codecs"));
    String id = representation.getAttribute("id");
    // FULL layout: in the Representation; COMPACT: one in the AdaptationSet
    Element template = elements(set, "SegmentTemplate").get(0);
    long timescale = Long.parseLong(template.getAttribute("timescale"));
    assertEquals(1000, timescale);
    String media = template.getAttribute("media").replace("$RepresentationID$", id);
    Path folder = mpd.getParent();

    byte[] init = Files.readAllBytes(folder.resolve(id + "/init.mp4"));
    Boxes.Box mdia = Boxes.first(init, "moov").child("trak").child("mdia");
    ByteBuffer hdlr = mdia.child("hdlr").payload();
    assertEquals("subt", fourcc(hdlr, 8));
    Boxes.Box minf = mdia.child("minf");
    assertTrue(minf.childTypes().contains("sthd"), minf.childTypes().toString());
    ByteBuffer stsd = minf.child("stbl").child("stsd").payload();
    assertEquals(1, stsd.getInt(4), "one sample entry");
    byte[] entry = new byte[stsd.remaining() - 8];
    stsd.get(8, entry);
    assertEquals("stpp", new String(entry, 4, 4, StandardCharsets.ISO_8859_1));
    assertEquals(entry.length, ByteBuffer.wrap(entry).getInt());
    // box header, SampleEntry (8 bytes), namespace, empty schema_location and aux. mime types
    assertEquals(TTML + "\0\0\0", new String(entry, 16, entry.length - 16, StandardCharsets.UTF_8));

    // the timeline: segments end to end, each one sample of TTML within its own time
    List<Cue> pieces = new ArrayList<>();
    long expectedTime = -1;
    List<String> packets = new ArrayList<>();
    int number = 1;
    Path joined = folder.resolve(id + ".mp4");
    try (var joinedOut = Files.newOutputStream(joined)) {
      joinedOut.write(init);
      for (long[] s : timeline(template, folder, media)) {
        long time = s[0];
        if (expectedTime >= 0) {
          assertEquals(expectedTime, time, "no hole in the timeline");
        }
        String name =
            media
                .replace("$Number$", String.valueOf(number))
                .replace("$Time$", String.valueOf(time));
        byte[] segment = Files.readAllBytes(folder.resolve(name));
        joinedOut.write(segment);
        Boxes.Box traf = Boxes.first(segment, "moof").child("traf");
        assertEquals(time, traf.child("tfdt").payload().getLong(4));
        Boxes.Trun trun = Boxes.trun(traf.child("trun"));
        assertEquals(1, trun.samples().size());
        assertEquals(s[1], trun.totalDuration());
        ByteBuffer mdat = Boxes.first(segment, "mdat").payload();
        byte[] ttml = new byte[mdat.remaining()];
        mdat.get(ttml);
        for (Cue c : ttmlCues(ttml, language)) {
          assertTrue(c.start() >= time && c.end() <= time + s[1], c + " in segment at " + time);
          pieces.add(c);
        }
        packets.add(time + "," + ttml.length);
        expectedTime = time + s[1];
        number++;
      }
    }
    // ffmpeg 5.1 has no TTML demuxing: it reads an 'stpp' track as a data stream (its own
    // `-c:s ttml -f mp4` output reads back the same), and its samples at the timeline's times
    assertEquals(List.of("data,stpp"), ffprobe(joined, "stream=codec_type,codec_tag_string"));
    assertEquals(packets, ffprobe(joined, "packet=pts,size"));
    Files.delete(joined);

    List<Cue> cues = new ArrayList<>();
    for (Cue p : pieces) {
      Cue last = cues.isEmpty() ? null : cues.get(cues.size() - 1);
      if (last != null && last.text().equals(p.text()) && last.end() == p.start()) {
        cues.set(cues.size() - 1, new Cue(last.start(), p.end(), p.text()));
      } else {
        cues.add(p);
      }
    }
    return cues;
  }

  /**
   * {time, duration} of each segment of a SegmentTimeline; for a duration template, of each
   * numbered segment there is, checked to sit in its slot of the template's duration.
   */
  static List<long[]> timeline(Element template, Path folder, String media) throws Exception {
    if (elements(template, "S").isEmpty()) {
      long slot = Long.parseLong(template.getAttribute("duration"));
      long offset =
          template.hasAttribute("presentationTimeOffset")
              ? Long.parseLong(template.getAttribute("presentationTimeOffset"))
              : 0;
      List<long[]> out = new ArrayList<>();
      for (int n = 1; ; n++) {
        Path file = folder.resolve(media.replace("$Number$", String.valueOf(n)));
        if (!Files.exists(file)) {
          break;
        }
        Boxes.Box traf = Boxes.first(Files.readAllBytes(file), "moof").child("traf");
        long time = traf.child("tfdt").payload().getLong(4);
        // the MP4 source's key frames fall on the template's slots (2 s GOPs, 2 s segments)
        assertEquals(offset + (n - 1) * slot, time, "segment " + n);
        out.add(new long[] {time, Boxes.trun(traf.child("trun")).totalDuration()});
      }
      assertTrue(out.size() > 1, "numbered segments");
      return out;
    }
    return timeline(template);
  }

  /** {time, duration} of each segment of a SegmentTimeline. */
  static List<long[]> timeline(Element template) {
    List<long[]> out = new ArrayList<>();
    long t = 0;
    for (Element s : elements(template, "S")) {
      if (s.hasAttribute("t")) {
        t = Long.parseLong(s.getAttribute("t"));
      }
      long d = Long.parseLong(s.getAttribute("d"));
      int r = s.hasAttribute("r") ? Integer.parseInt(s.getAttribute("r")) : 0;
      for (int i = 0; i <= r; i++) {
        out.add(new long[] {t, d});
        t += d;
      }
    }
    assertTrue(out.size() > 1, "a SegmentTimeline");
    return out;
  }

  /** The p elements of one TTML document (times as written), checked to be TTML of the language. */
  static List<Cue> ttmlCues(byte[] ttml, String language) throws Exception {
    return TtmlCues.of(ttml, language).stream()
        .map(c -> new Cue(c.begin(), c.end(), c.text()))
        .toList();
  }

  private static String fourcc(ByteBuffer b, int at) {
    byte[] type = new byte[4];
    b.get(at, type);
    return new String(type, StandardCharsets.ISO_8859_1);
  }

  static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  static List<Element> elements(Element parent, String name) {
    NodeList list = parent.getElementsByTagNameNS("*", name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  /** ffprobe -show_entries {@code entries} of a file, one csv line per stream or packet. */
  static List<String> ffprobe(Path file, String entries) {
    Tools.Result r =
        Tools.ffprobe(
            file.getParent(),
            "-v",
            "error",
            "-show_entries",
            entries,
            "-of",
            "csv=p=0",
            file.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout().lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }
}
