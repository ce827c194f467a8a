package org.openvod.ingest.speke;

import java.io.StringWriter;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes the CPIX request document. v1 (CPIX 2.0, SPEKE profile): {@code CPIX@id}, one ContentKey,
 * one DRMSystem per system with empty signaling elements to fill, one usage rule. v2 (CPIX 2.3):
 * {@code CPIX@contentId} and {@code @version}, one ContentKey per contract rule with its {@code
 * commonEncryptionScheme}, DRMSystems asking for PSSH, ContentProtectionData and HLS signaling, and
 * the usage rules with their {@code intendedTrackType} and filters.
 */
final class CpixRequestWriter {

  static final String CPIX = "urn:dashif:org:cpix";
  static final String PSKC = "urn:ietf:params:xml:ns:keyprov:pskc";
  static final String SPEKE = "urn:aws:amazon:com:speke";

  private CpixRequestWriter() {}

  /**
   * @param kids one key id per rule (v2) or a single one (v1)
   */
  static String write(KeyRequest request, List<UUID> kids) {
    Document doc = newDocument();
    boolean v2 = request.version() == SpekeVersion.V2;
    Element root = doc.createElementNS(CPIX, "cpix:CPIX");
    root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:pskc", PSKC);
    if (v2) {
      root.setAttribute("contentId", request.contentId());
      root.setAttribute("version", "2.3");
    } else {
      root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:speke", SPEKE);
      root.setAttribute("id", request.contentId());
    }
    doc.appendChild(root);

    Element keyList = child(root, "ContentKeyList");
    for (UUID kid : kids) {
      Element key = child(keyList, "ContentKey");
      key.setAttribute("kid", kid.toString());
      if (v2) {
        key.setAttribute("commonEncryptionScheme", request.commonEncryptionScheme());
      }
    }

    Element drmList = child(root, "DRMSystemList");
    for (UUID kid : kids) {
      for (UUID system : request.systemIds()) {
        Element drm = child(drmList, "DRMSystem");
        drm.setAttribute("kid", kid.toString());
        drm.setAttribute("systemId", system.toString());
        if (v2) {
          v2Signaling(drm, system);
        } else {
          child(drm, "ContentProtectionData");
          drm.appendChild(doc.createElementNS(SPEKE, "speke:KeyFormat"));
          drm.appendChild(doc.createElementNS(SPEKE, "speke:KeyFormatVersions"));
          drm.appendChild(doc.createElementNS(SPEKE, "speke:ProtectionHeader"));
          child(drm, "PSSH");
          child(drm, "URIExtXKey");
        }
      }
    }

    Element rules = child(root, "ContentKeyUsageRuleList");
    for (int i = 0; i < kids.size(); i++) {
      Element rule = child(rules, "ContentKeyUsageRule");
      rule.setAttribute("kid", kids.get(i).toString());
      if (v2) {
        KeyRule keyRule = request.rules().get(i);
        rule.setAttribute("intendedTrackType", keyRule.intendedTrackType());
        for (TrackFilter filter : keyRule.filters()) {
          boolean video = filter.kind() == TrackFilter.Kind.VIDEO;
          Element f = child(rule, video ? "VideoFilter" : "AudioFilter");
          if (filter.min() != null) {
            f.setAttribute(video ? "minPixels" : "minChannels", filter.min().toString());
          }
          if (filter.max() != null) {
            f.setAttribute(video ? "maxPixels" : "maxChannels", filter.max().toString());
          }
        }
      }
    }
    return serialize(doc);
  }

  /** SPEKE v2 asks for the signaling each packaging format needs by listing empty elements. */
  private static void v2Signaling(Element drm, UUID system) {
    if (!system.equals(DrmSystems.HLS_AES_128) && !system.equals(DrmSystems.FAIRPLAY)) {
      child(drm, "PSSH");
      child(drm, "ContentProtectionData");
    }
    child(drm, "HLSSignalingData").setAttribute("playlist", "media");
    child(drm, "HLSSignalingData").setAttribute("playlist", "master");
  }

  private static Element child(Element parent, String localName) {
    Element child = parent.getOwnerDocument().createElementNS(CPIX, "cpix:" + localName);
    parent.appendChild(child);
    return child;
  }

  static Document newDocument() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  static String serialize(Document doc) {
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
}
