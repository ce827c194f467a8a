package org.openvod.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reads the cues of a TTML document the engine wrote (DASH stpp samples, MSS text fragments). */
public final class TtmlCues {

  public static final String TTML = "http://www.w3.org/ns/ttml";

  /** One p element: its begin and end as written (milliseconds) and its text, lines joined. */
  public record Cue(long begin, long end, String text) {}

  private TtmlCues() {}

  /** The p elements of one document, checked to be media-time TTML in {@code language}. */
  public static List<Cue> of(byte[] ttml, String language) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element tt = f.newDocumentBuilder().parse(new ByteArrayInputStream(ttml)).getDocumentElement();
    assertEquals(TTML, tt.getNamespaceURI());
    assertEquals("tt", tt.getLocalName());
    assertEquals(language, tt.getAttributeNS(XMLConstants.XML_NS_URI, "lang"));
    assertEquals("media", tt.getAttributeNS(TTML + "#parameter", "timeBase"));
    List<Cue> cues = new ArrayList<>();
    NodeList ps = tt.getElementsByTagNameNS(TTML, "p");
    for (int i = 0; i < ps.getLength(); i++) {
      Element p = (Element) ps.item(i);
      StringBuilder text = new StringBuilder();
      for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
        text.append(n.getNodeType() == Node.TEXT_NODE ? n.getNodeValue() : "\n");
      }
      cues.add(
          new Cue(clock(p.getAttribute("begin")), clock(p.getAttribute("end")), text.toString()));
    }
    return cues;
  }

  /** An hh:mm:ss.mmm clock time in milliseconds. */
  public static long clock(String time) {
    Matcher m = Pattern.compile("(\\d+):(\\d\\d):(\\d\\d)\\.(\\d{3})").matcher(time);
    assertTrue(m.matches(), time);
    return ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60
                + Long.parseLong(m.group(3)))
            * 1000
        + Long.parseLong(m.group(4));
  }
}
