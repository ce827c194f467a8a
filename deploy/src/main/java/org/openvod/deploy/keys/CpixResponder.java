package org.openvod.deploy.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
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
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Answers a SPEKE request as MediaPackage's key servers do: the request's CPIX document filled in
 * place. Every ContentKey gets its key (pskc PlainValue) and an explicitIV; every DRMSystem gets
 * the signaling of its system, base64: W3C Clear Key a pssh box and ContentProtectionData (the pssh
 * and the license URL); HLS AES-128 the key URI (v1 URIExtXKey, KeyFormat identity; v2
 * HLSSignalingData EXT-X-KEY / EXT-X-SESSION-KEY lines). SPEKE v1 is CPIX 2.0 ({@code CPIX@id}), v2
 * is CPIX 2.3 ({@code CPIX@contentId}, {@code @version}).
 */
final class CpixResponder {

  static final String CPIX = "urn:dashif:org:cpix";
  static final String PSKC = "urn:ietf:params:xml:ns:keyprov:pskc";
  static final String SPEKE = "urn:aws:amazon:com:speke";

  /** W3C Clear Key as DASH-IF registers it. */
  static final UUID CLEAR_KEY = UUID.fromString("e2719d58-a985-b3c9-781a-b030af78d30e");

  /** The pseudo system SPEKE uses for HLS AES-128. */
  static final UUID HLS_AES_128 = UUID.fromString("81376844-f976-481e-a84e-cc25d39b0b33");

  private final KeyDerivation keys;
  private final KeyUris uris;

  CpixResponder(KeyDerivation keys, KeyUris uris) {
    this.keys = keys;
    this.uris = uris;
  }

  /**
   * @param versionHeader the request's X-Speke-Version (1.0 or 2.0; null = read from the document)
   * @throws KeyServerException 400 for a document that is no SPEKE request, or names a DRM system
   *     this key server does not know
   */
  String answer(String body, String versionHeader) throws KeyServerException {
    Document doc = parse(body);
    Element root = doc.getDocumentElement();
    if (!CPIX.equals(root.getNamespaceURI()) || !"CPIX".equals(root.getLocalName())) {
      throw bad("the document is not a cpix:CPIX request but " + root.getTagName());
    }
    boolean v2 = v2(root, versionHeader);
    String contentId = v2 ? root.getAttribute("contentId") : root.getAttribute("id");
    if (contentId.isBlank()) {
      throw bad("the CPIX request has no " + (v2 ? "contentId" : "id"));
    }
    Map<UUID, String> schemes = new HashMap<>();
    List<Element> contentKeys = elements(root, CPIX, "ContentKey");
    if (contentKeys.isEmpty()) {
      throw bad("the CPIX request asks for no ContentKey");
    }
    for (Element key : contentKeys) {
      UUID kid = kid(key, "ContentKey");
      schemes.put(kid, key.getAttribute("commonEncryptionScheme"));
      key.setAttribute("explicitIV", b64(keys.iv(kid)));
      for (Element old : elements(key, CPIX, "Data")) {
        key.removeChild(old);
      }
      Element data = (Element) key.appendChild(doc.createElementNS(CPIX, "cpix:Data"));
      Element secret = (Element) data.appendChild(doc.createElementNS(PSKC, "pskc:Secret"));
      secret
          .appendChild(doc.createElementNS(PSKC, "pskc:PlainValue"))
          .setTextContent(b64(keys.key(kid)));
    }
    for (Element drm : elements(root, CPIX, "DRMSystem")) {
      UUID kid = kid(drm, "DRMSystem");
      if (!schemes.containsKey(kid)) {
        throw bad("DRMSystem names kid " + kid + ", which no ContentKey of the request has");
      }
      UUID system = systemId(drm);
      if (system.equals(CLEAR_KEY)) {
        clearKey(drm, kid);
      } else if (system.equals(HLS_AES_128)) {
        hlsAes128(drm, kid, v2, "cbcs".equals(schemes.get(kid)));
      } else {
        throw bad(
            "DRM system "
                + system
                + " is not supported by the built-in key server; it knows W3C Clear Key ("
                + CLEAR_KEY
                + ") and HLS AES-128 ("
                + HLS_AES_128
                + ")");
      }
    }
    return serialize(doc);
  }

  private void clearKey(Element drm, UUID kid) {
    byte[] pssh = ClearKeyPssh.box(List.of(kid));
    set(drm, CPIX, "PSSH", b64(pssh));
    String license = uris.clearKeyLicense();
    set(
        drm,
        CPIX,
        "ContentProtectionData",
        b64(
            "<cenc:pssh>"
                + b64(pssh)
                + "</cenc:pssh>"
                + "<dashif:Laurl xmlns:dashif=\"https://dashif.org/CPS\" Lic_type=\"EME-1.0\">"
                + license
                + "</dashif:Laurl>"
                + "<clearkey:Laurl xmlns:clearkey=\"http://dashif.org/guidelines/clearKey\""
                + " Lic_type=\"EME-1.0\">"
                + license
                + "</clearkey:Laurl>"));
  }

  private void hlsAes128(Element drm, UUID kid, boolean v2, boolean cbcs) {
    String uri = uris.key(kid);
    if (v2) {
      String method = cbcs ? "SAMPLE-AES" : "AES-128";
      NodeList hls = drm.getElementsByTagNameNS(CPIX, "HLSSignalingData");
      for (int i = 0; i < hls.getLength(); i++) {
        Element e = (Element) hls.item(i);
        String tag =
            "master".equals(e.getAttribute("playlist")) ? "#EXT-X-SESSION-KEY" : "#EXT-X-KEY";
        e.setTextContent(b64(tag + ":METHOD=" + method + ",URI=\"" + uri + "\""));
      }
      return;
    }
    set(drm, CPIX, "URIExtXKey", b64(uri));
    set(drm, SPEKE, "KeyFormat", b64("identity"));
    set(drm, SPEKE, "KeyFormatVersions", b64("1"));
  }

  /** Fills the element the request left empty, or adds it when the request did not ask. */
  private static void set(Element drm, String ns, String name, String value) {
    NodeList found = drm.getElementsByTagNameNS(ns, name);
    Element e;
    if (found.getLength() > 0) {
      e = (Element) found.item(0);
    } else {
      String prefix = ns.equals(SPEKE) ? "speke:" : "cpix:";
      e = (Element) drm.appendChild(drm.getOwnerDocument().createElementNS(ns, prefix + name));
    }
    e.setTextContent(value);
  }

  private static boolean v2(Element root, String versionHeader) throws KeyServerException {
    if (versionHeader != null && !versionHeader.isBlank()) {
      return switch (versionHeader.trim()) {
        case "1.0" -> false;
        case "2.0" -> true;
        default -> throw bad("X-Speke-Version must be 1.0 or 2.0, got " + versionHeader);
      };
    }
    return root.hasAttribute("contentId");
  }

  private static UUID kid(Element e, String what) throws KeyServerException {
    try {
      return UUID.fromString(e.getAttribute("kid").trim());
    } catch (IllegalArgumentException x) {
      throw bad(what + "@kid is not a UUID: '" + e.getAttribute("kid") + "'");
    }
  }

  private static UUID systemId(Element drm) throws KeyServerException {
    try {
      return UUID.fromString(drm.getAttribute("systemId").trim());
    } catch (IllegalArgumentException x) {
      throw bad("DRMSystem@systemId is not a UUID: '" + drm.getAttribute("systemId") + "'");
    }
  }

  private static List<Element> elements(Element parent, String ns, String name) {
    NodeList nodes = parent.getElementsByTagNameNS(ns, name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  private static Document parse(String body) throws KeyServerException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // a request must not make the key server read files or URLs (XXE)
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new InputSource(new StringReader(body)));
    } catch (SAXException | IOException e) {
      throw bad("the request is not well-formed XML: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String serialize(Document doc) {
    try {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyServerException bad(String message) {
    return new KeyServerException(400, message);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }
}
