package org.openvod.engine.output.dash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.fmp4.FileSink;
import org.openvod.engine.output.fmp4.OutputTesting;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DashOutputTest {

  static final double FRAME = 1 / 30.0;
  static Schema schema;
  static FileSink full;

  static ManifestSpec compact() {
    return new ManifestSpec(
        "compact",
        false,
        0,
        "NONE",
        0,
        Integer.MAX_VALUE,
        "VIDEO_BITRATE_DESCENDING",
        "COMPACT",
        10,
        "HBBTV_1_5");
  }

  static FileSink packageAbr(String folder, String template, boolean trick) throws Exception {
    FileSink sink = new FileSink(OutputTesting.folder(folder));
    var spec =
        OutputTesting.spec(
            OutputFormat.DASH,
            2,
            List.of(ManifestSpec.named("index"), compact()),
            false,
            trick,
            template,
            sink);
    OutputTesting.packageSmil(Mp4TestMedia.abr(), "abr.smil", 2, new DashOutput(spec));
    return sink;
  }

  @BeforeAll
  static void setUp() throws Exception {
    URL xsd = DashOutputTest.class.getResource("/dash-schema/DASH-MPD.xsd");
    schema =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(new StreamSource(xsd.openStream(), xsd.toString()));
    full = packageAbr("dash", null, true);
  }

  static void assertValid(FileSink sink, String mpd) throws Exception {
    byte[] bytes = Files.readAllBytes(sink.folder.resolve(mpd));
    schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(bytes)));
  }

  static Document parse(FileSink sink, String mpd) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(sink.folder.resolve(mpd).toFile());
  }

  static List<Element> elements(Element parent, String name) {
    NodeList list = parent.getElementsByTagNameNS("*", name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  @Test
  void mpdsValidateAgainstTheSchemaAndFfmpegReadsThem() throws Exception {
    for (String mpd : List.of("index.mpd", "compact.mpd")) {
      assertValid(full, mpd);
      Path file = full.folder.resolve(mpd);
      OutputTesting.assertFfmpegReads(file);
      assertEquals(Mp4TestMedia.DURATION, OutputTesting.ffprobeDuration(file), FRAME);
      List<String> streams = OutputTesting.ffprobeStreams(file, "codec_name,width,height");
      assertTrue(streams.containsAll(List.of("h264,640,360", "h264,480,270", "h264,320,180")));
      assertTrue(streams.contains("aac"), streams.toString());
    }
  }

  @Test
  void everyRepresentationHoldsAllItsFrames() throws Exception {
    // one representation as its own MPD: the init and segments ffmpeg reads back
    Document doc = parse(full, "index.mpd");
    Element video = elements(doc.getDocumentElement(), "AdaptationSet").get(0);
    assertEquals("video", video.getAttribute("contentType"));
    assertEquals(3, elements(video, "Representation").size());
    for (String id : List.of("video_1", "video_3", "video_4")) {
      Path joined = full.folder.resolve(id + ".mp4");
      try (var out = Files.newOutputStream(joined)) {
        out.write(Files.readAllBytes(full.folder.resolve(id + "/init.mp4")));
        for (int n = 1; n <= 6; n++) {
          out.write(Files.readAllBytes(full.folder.resolve(id + "/segment_" + n + ".m4s")));
        }
      }
      int[] packets = OutputTesting.videoPackets(joined);
      assertEquals(360, packets[0], id);
      assertEquals(6, packets[1], id);
      Files.delete(joined);
    }
  }

  @Test
  void fullLayoutHasTimelinesPerRepresentationAndTrickPlay() throws Exception {
    Element mpd = parse(full, "index.mpd").getDocumentElement();
    assertEquals("urn:mpeg:dash:profile:isoff-live:2011", mpd.getAttribute("profiles"));
    assertEquals("static", mpd.getAttribute("type"));
    assertEquals("PT12.000S", mpd.getAttribute("mediaPresentationDuration"), "the video's length");
    List<Element> sets = elements(mpd, "AdaptationSet");
    assertEquals(3, sets.size());
    Element audio = sets.get(1);
    assertEquals("audio", audio.getAttribute("contentType"));
    assertEquals("eng", audio.getAttribute("lang"));
    Element trick = sets.get(2);
    Element property = elements(trick, "EssentialProperty").get(0);
    assertEquals("http://dashif.org/guidelines/trickmode", property.getAttribute("schemeIdUri"));
    assertEquals(sets.get(0).getAttribute("id"), property.getAttribute("value"));
    for (Element rep : elements(mpd, "Representation")) {
      List<Element> templates = elements(rep, "SegmentTemplate");
      assertEquals(1, templates.size(), "FULL: template per representation");
      assertSegmentsExist(full, rep.getAttribute("id"), templates.get(0));
    }
    Element rep = elements(sets.get(0), "Representation").get(0);
    assertEquals("video_1", rep.getAttribute("id"));
    assertEquals("avc1.4d401e", rep.getAttribute("codecs"));
    assertEquals("30", rep.getAttribute("frameRate"));
    Element trickRep = elements(trick, "Representation").get(0);
    assertEquals("1/2", trickRep.getAttribute("frameRate"));
    assertEquals("false", trickRep.getAttribute("codingDependency"));
    int[] trickFrames = trickFrames();
    assertEquals(6, trickFrames[0]);
    assertEquals(6, trickFrames[1]);
  }

  private static int[] trickFrames() throws Exception {
    Path joined = full.folder.resolve("trick.mp4");
    try (var out = Files.newOutputStream(joined)) {
      out.write(Files.readAllBytes(full.folder.resolve("video_1_iframes/init.mp4")));
      for (int n = 1; n <= 6; n++) {
        out.write(Files.readAllBytes(full.folder.resolve("video_1_iframes/segment_" + n + ".m4s")));
      }
    }
    try {
      return OutputTesting.videoPackets(joined);
    } finally {
      Files.delete(joined);
    }
  }

  /** Expands the template's timeline and checks every file it names was written. */
  private static void assertSegmentsExist(FileSink sink, String id, Element template) {
    String media = template.getAttribute("media");
    assertTrue(sink.order.contains(id + "/init.mp4"));
    long t = 0;
    long number = 1;
    double seconds = 0;
    long timescale = Long.parseLong(template.getAttribute("timescale"));
    for (Element s : elements(template, "S")) {
      if (s.hasAttribute("t")) {
        t = Long.parseLong(s.getAttribute("t"));
      }
      long d = Long.parseLong(s.getAttribute("d"));
      int r = s.hasAttribute("r") ? Integer.parseInt(s.getAttribute("r")) : 0;
      for (int i = 0; i <= r; i++) {
        String path =
            media
                .replace("$RepresentationID$", id)
                .replace("$Number$", String.valueOf(number++))
                .replace("$Time$", String.valueOf(t));
        assertTrue(sink.order.contains(path), path + " missing");
        t += d;
        seconds += d / (double) timescale;
      }
    }
    assertEquals(12.0, seconds, 0.03, id);
  }

  @Test
  void compactLayoutSharesTemplatesAndCarriesProfileAndBufferTime() throws Exception {
    Element mpd = parse(full, "compact.mpd").getDocumentElement();
    assertEquals(
        "urn:mpeg:dash:profile:isoff-live:2011,urn:hbbtv:dash:profile:isoff-live:2012",
        mpd.getAttribute("profiles"));
    assertEquals("PT10S", mpd.getAttribute("minBufferTime"));
    Element video = elements(mpd, "AdaptationSet").get(0);
    assertEquals(1, elements(video, "SegmentTemplate").size());
    assertEquals(
        "AdaptationSet", elements(video, "SegmentTemplate").get(0).getParentNode().getLocalName());
    List<String> ids = new ArrayList<>();
    for (Element rep : elements(video, "Representation")) {
      ids.add(rep.getAttribute("id"));
    }
    assertEquals(List.of("video_1", "video_3", "video_4"), ids, "descending bitrate");
  }

  @Test
  void timeTemplateNamesSegmentsByTheirTime() throws Exception {
    FileSink sink = packageAbr("dash-time", "TIME_WITH_TIMELINE", false);
    for (String mpd : List.of("index.mpd", "compact.mpd")) {
      assertValid(sink, mpd);
      OutputTesting.assertFfmpegReads(sink.folder.resolve(mpd));
      assertEquals(
          Mp4TestMedia.DURATION, OutputTesting.ffprobeDuration(sink.folder.resolve(mpd)), FRAME);
    }
    Element mpd = parse(sink, "index.mpd").getDocumentElement();
    assertEquals(2, elements(mpd, "AdaptationSet").size());
    for (Element rep : elements(mpd, "Representation")) {
      Element template = elements(rep, "SegmentTemplate").get(0);
      assertEquals("$RepresentationID$/segment_$Time$.m4s", template.getAttribute("media"));
      assertFalse(template.hasAttribute("startNumber"));
      assertSegmentsExist(sink, rep.getAttribute("id"), template);
    }
    assertTrue(sink.order.contains("video_1/segment_0.m4s"));
  }

  @Test
  void numberWithDurationHasNoTimeline() throws Exception {
    FileSink sink = packageAbr("dash-duration", "NUMBER_WITH_DURATION", false);
    assertValid(sink, "index.mpd");
    assertValid(sink, "compact.mpd");
    Element mpd = parse(sink, "index.mpd").getDocumentElement();
    assertTrue(elements(mpd, "SegmentTimeline").isEmpty());
    double duration =
        Double.parseDouble(mpd.getAttribute("mediaPresentationDuration").replaceAll("[PTS]", ""));
    assertEquals(Mp4TestMedia.DURATION, duration, FRAME);
    // ffmpeg 5.1's dash demuxer asks for one segment past the end with duration addressing (it
    // rounds the period to whole seconds), so check what a player derives from the MPD instead
    for (Element rep : elements(mpd, "Representation")) {
      Element template = elements(rep, "SegmentTemplate").get(0);
      double segment =
          Double.parseDouble(template.getAttribute("duration"))
              / Double.parseDouble(template.getAttribute("timescale"));
      assertEquals(2.0, segment, 1e-9);
      long count = (long) Math.ceil(duration / segment - 1e-9);
      String id = rep.getAttribute("id");
      for (long n = 1; n <= count; n++) {
        assertTrue(sink.order.contains(id + "/segment_" + n + ".m4s"), id + " segment " + n);
      }
      assertFalse(sink.order.contains(id + "/segment_" + (count + 1) + ".m4s"), id);
    }
  }

  @Test
  void writesSegmentsFirstMpdsLastAndTheSameBytesTwice() throws Exception {
    int firstMpd = Math.min(full.indexOf("index.mpd"), full.indexOf("compact.mpd"));
    assertEquals(full.order.size() - 2, firstMpd);
    assertEquals("application/dash+xml", full.types.get("index.mpd"));
    FileSink again = packageAbr("dash-again", null, true);
    Map<String, byte[]> a = full.contents();
    Map<String, byte[]> b = again.contents();
    assertEquals(a.keySet(), b.keySet());
    Set<String> checked = new HashSet<>();
    for (String path : a.keySet()) {
      assertArrayEquals(a.get(path), b.get(path), path);
      checked.add(path);
    }
    assertTrue(checked.size() > 40);
  }

  @Test
  void unknownTemplateFormatIsAConfigurationError() {
    PackagingException e =
        assertThrows(
            PackagingException.class,
            () ->
                new DashOutput(
                    OutputTesting.spec(
                        OutputFormat.DASH,
                        2,
                        List.of(ManifestSpec.named("i")),
                        false,
                        false,
                        "NUMBER_WITH_SOMETHING",
                        new FileSink(Path.of("/nonexistent")))));
    assertEquals(PackagingException.Reason.INVALID_CONFIGURATION, e.reason());
  }
}
