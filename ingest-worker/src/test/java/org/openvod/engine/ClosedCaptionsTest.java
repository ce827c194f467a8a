package org.openvod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.testing.DirectorySink;
import org.openvod.engine.testing.Playlists;
import org.openvod.engine.testing.TestMedia;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * CEA-608 captions signalled by an HLS source (EXT-X-MEDIA TYPE=CLOSED-CAPTIONS, CLOSED-CAPTIONS on
 * the variants) are signalled in every output that can: HLS-TS and CMAF multivariant playlists, and
 * the DASH video adaptation set's Accessibility descriptor.
 */
class ClosedCaptionsTest {

  static final String SERVICE =
      "#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID=\"cc\",NAME=\"English\",LANGUAGE=\"en\","
          + "AUTOSELECT=YES,DEFAULT=NO,INSTREAM-ID=\"CC1\"";

  @Test
  void captionSignallingReachesEveryManifest() throws Exception {
    Path source = AdMarkerTest.copy(TestMedia.threeRenditions(), "captions-source");
    Path master = source.resolve(TestMedia.MASTER);
    List<String> lines = new ArrayList<>();
    lines.add("#EXTM3U");
    lines.add(
        "#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID=\"cc1\",NAME=\"English\",LANGUAGE=\"en\","
            + "INSTREAM-ID=\"CC1\",DEFAULT=YES,AUTOSELECT=YES");
    for (String line : Files.readAllLines(master)) {
      if (line.startsWith("#EXT-X-STREAM-INF:")) {
        lines.add(line + ",CLOSED-CAPTIONS=\"cc1\"");
      } else if (!line.equals("#EXTM3U")) {
        lines.add(line);
      }
    }
    Files.write(master, lines);

    Path out = TestMedia.scratch("captions-out");
    List<OutputSpec> specs = new ArrayList<>();
    for (OutputFormat format : OutputFormat.values()) {
      specs.add(
          OutputSpec.of(
              format.name(),
              format,
              4,
              new DirectorySink(Files.createDirectories(out.resolve(format.name())))));
    }
    List<OutputResult> results =
        Packager.run(new FileSourceLocator(source), TestMedia.MASTER, specs, ProgressListener.NONE);
    for (OutputResult r : results) {
      assertTrue(r.succeeded(), r.outputId() + ": " + r.error());
    }
    for (String format : List.of("HLS_TS", "CMAF")) {
      String playlist = TestMedia.read(out.resolve(format + "/index.m3u8"));
      assertEquals(
          List.of(SERVICE),
          Playlists.tags(playlist, "#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS"),
          format + ": one service, once");
      List<String> variants = Playlists.tags(playlist, "#EXT-X-STREAM-INF:");
      assertEquals(3, variants.size(), format);
      for (String variant : variants) {
        assertEquals("cc", Playlists.attributes(variant).get("CLOSED-CAPTIONS"), variant);
      }
    }
    Path mpd = out.resolve("DASH/index.mpd");
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(ClosedCaptionsTest.class.getResource("/dash-schema/DASH-MPD.xsd"))
        .newValidator()
        .validate(new StreamSource(mpd.toFile()));
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    NodeList sets =
        f.newDocumentBuilder().parse(mpd.toFile()).getElementsByTagNameNS("*", "AdaptationSet");
    List<String> accessibility = new ArrayList<>();
    for (int i = 0; i < sets.getLength(); i++) {
      Element set = (Element) sets.item(i);
      NodeList a = set.getElementsByTagNameNS("*", "Accessibility");
      for (int k = 0; k < a.getLength(); k++) {
        Element e = (Element) a.item(k);
        accessibility.add(
            set.getAttribute("contentType")
                + " "
                + e.getAttribute("schemeIdUri")
                + " "
                + e.getAttribute("value"));
      }
    }
    assertEquals(List.of("video urn:scte:dash:cc:cea-608:2015 CC1=en"), accessibility);
    String noCaptions = TestMedia.read(out.resolve("MSS/index.ism/Manifest"));
    assertTrue(noCaptions.contains("StreamIndex"), "MSS still packages (it signals no captions)");
  }
}
