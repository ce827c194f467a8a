package org.openvod.ingest.speke;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.openvod.engine.encrypt.ContentKey;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads the key server's CPIX answer: for every requested kid its key ({@code
 * Data/pskc:Secret/pskc:PlainValue}, base64), its optional {@code explicitIV}, and the signaling of
 * each requested DRM system. Anything missing or not decodable is a final error naming what.
 */
final class CpixResponseParser {

  private CpixResponseParser() {}

  static SpekeKeys parse(String body, KeyRequest request, List<UUID> kids) {
    Element root = parseXml(body).getDocumentElement();
    if (!CpixRequestWriter.CPIX.equals(root.getNamespaceURI())
        || !"CPIX".equals(root.getLocalName())) {
      throw malformed("the root element is not cpix:CPIX but " + root.getTagName(), null);
    }
    Map<UUID, Element> keyElements = new HashMap<>();
    for (Element e : elements(root, CpixRequestWriter.CPIX, "ContentKey")) {
      keyElements.put(uuid(e.getAttribute("kid"), "ContentKey@kid"), e);
    }
    Map<String, Element> drmElements = new HashMap<>();
    for (Element e : elements(root, CpixRequestWriter.CPIX, "DRMSystem")) {
      drmElements.put(
          uuid(e.getAttribute("kid"), "DRMSystem@kid")
              + "/"
              + uuid(e.getAttribute("systemId"), "DRMSystem@systemId"),
          e);
    }
    List<DeliveredKey> keys = new ArrayList<>();
    for (int i = 0; i < kids.size(); i++) {
      UUID kid = kids.get(i);
      Element keyElement = keyElements.get(kid);
      if (keyElement == null) {
        throw malformed("the answer has no ContentKey for kid " + kid, null);
      }
      List<Element> values = elements(keyElement, CpixRequestWriter.PSKC, "PlainValue");
      if (values.isEmpty()) {
        throw malformed("the ContentKey " + kid + " has no Secret/PlainValue", null);
      }
      byte[] secret = base64(values.get(0).getTextContent(), "PlainValue of " + kid);
      String ivText = keyElement.getAttribute("explicitIV");
      byte[] iv = ivText.isBlank() ? null : base64(ivText, "explicitIV of " + kid);
      ContentKey key;
      try {
        key = new ContentKey(ContentKey.uuidBytes(kid), secret, iv);
      } catch (IllegalArgumentException e) {
        throw malformed("the ContentKey " + kid + " is unusable: " + e.getMessage(), e);
      }
      Map<UUID, DrmSignaling> drm = new HashMap<>();
      for (UUID system : request.systemIds()) {
        Element drmElement = drmElements.get(kid + "/" + system);
        if (drmElement == null) {
          throw malformed("the answer has no DRMSystem " + system + " for kid " + kid, null);
        }
        drm.put(system, signaling(system, drmElement));
      }
      KeyRule rule = request.version() == SpekeVersion.V2 ? request.rules().get(i) : null;
      keys.add(new DeliveredKey(key, rule, drm));
    }
    return new SpekeKeys(request.contentId(), request.version(), keys);
  }

  private static DrmSignaling signaling(UUID system, Element drm) {
    String media = null;
    String master = null;
    for (Element e : elements(drm, CpixRequestWriter.CPIX, "HLSSignalingData")) {
      String text = text(e, "HLSSignalingData");
      if ("master".equals(e.getAttribute("playlist"))) {
        master = text;
      } else {
        media = text;
      }
    }
    String pssh = first(drm, CpixRequestWriter.CPIX, "PSSH");
    // kept base64: a PlayReady header is binary (UTF-16LE) and MSS manifests carry it base64
    String header = first(drm, CpixRequestWriter.SPEKE, "ProtectionHeader");
    return new DrmSignaling(
        system,
        pssh == null ? null : base64(pssh, "PSSH of " + system),
        decoded(drm, CpixRequestWriter.CPIX, "ContentProtectionData"),
        decoded(drm, CpixRequestWriter.CPIX, "URIExtXKey"),
        decoded(drm, CpixRequestWriter.SPEKE, "KeyFormat"),
        decoded(drm, CpixRequestWriter.SPEKE, "KeyFormatVersions"),
        header == null ? null : header.replaceAll("\\s", ""),
        media,
        master);
  }

  private static String decoded(Element parent, String ns, String name) {
    String value = first(parent, ns, name);
    return value == null ? null : new String(base64(value, name), StandardCharsets.UTF_8);
  }

  private static String text(Element e, String name) {
    String value = e.getTextContent().trim();
    return value.isEmpty() ? null : new String(base64(value, name), StandardCharsets.UTF_8);
  }

  /** The trimmed text of the first such child, or null when absent or empty. */
  private static String first(Element parent, String ns, String name) {
    List<Element> found = elements(parent, ns, name);
    if (found.isEmpty()) {
      return null;
    }
    String value = found.get(0).getTextContent().trim();
    return value.isEmpty() ? null : value;
  }

  private static List<Element> elements(Element parent, String ns, String name) {
    NodeList nodes = parent.getElementsByTagNameNS(ns, name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      out.add((Element) node);
    }
    return out;
  }

  private static byte[] base64(String value, String what) {
    try {
      return Base64.getMimeDecoder().decode(value.trim());
    } catch (IllegalArgumentException e) {
      throw malformed(what + " is not base64", e);
    }
  }

  private static UUID uuid(String value, String what) {
    try {
      return UUID.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw malformed(what + " is not a UUID: '" + value + "'", e);
    }
  }

  private static Document parseXml(String body) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // a key server's answer must not make us read files or URLs (XXE)
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new InputSource(new StringReader(body)));
    } catch (SAXException | IOException e) {
      throw malformed("the answer is not well-formed XML: " + e.getMessage(), e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SpekeException malformed(String message, Throwable cause) {
    return new SpekeException("malformed key server answer: " + message, 200, false, cause);
  }
}
