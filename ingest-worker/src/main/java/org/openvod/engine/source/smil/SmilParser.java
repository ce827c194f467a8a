package org.openvod.engine.source.smil;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.openvod.engine.media.PackagingException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Parses a MediaPackage .smil manifest: {@code <smil><body>[<switch>]<video src|name
 * systemLanguage|language audioName includeAudio/>...}. Doctypes are refused outright, so no
 * external entity or entity expansion can be used against the parser.
 */
final class SmilParser {

  private SmilParser() {}

  /** What a .smil lists: its media files, and its SRT subtitle files. */
  record Smil(List<SmilEntry> media, List<SmilTextStream> text) {}

  static List<SmilEntry> parse(byte[] xml, String where) throws PackagingException {
    return parseAll(xml, where).media();
  }

  static Smil parseAll(byte[] xml, String where) throws PackagingException {
    Document document = read(xml, where);
    Element root = document.getDocumentElement();
    if (!"smil".equals(localName(root))) {
      throw malformed(where, "root element is <" + localName(root) + ">, not <smil>");
    }
    List<SmilEntry> entries = new ArrayList<>();
    List<SmilTextStream> text = new ArrayList<>();
    collect(root, entries, text, where);
    if (entries.isEmpty()) {
      throw malformed(where, "lists no <video> file");
    }
    return new Smil(List.copyOf(entries), List.copyOf(text));
  }

  private static void collect(
      Element element, List<SmilEntry> entries, List<SmilTextStream> text, String where)
      throws PackagingException {
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node node = children.item(i);
      if (!(node instanceof Element child)) {
        continue;
      }
      String name = localName(child);
      if (name.equals("video") || name.equals("audio")) {
        entries.add(entry(child, where));
      } else if (name.equals("textstream")) {
        text.add(textStream(child, where));
      } else if (name.equals("body") || name.equals("switch") || name.equals("par")) {
        collect(child, entries, text, where);
      }
    }
  }

  private static SmilEntry entry(Element e, String where) throws PackagingException {
    String src = attribute(e, "src");
    if (src == null) {
      src = attribute(e, "name");
    }
    if (src == null || src.isBlank()) {
      throw malformed(where, "<" + localName(e) + "> has neither src nor name");
    }
    String language = attribute(e, "systemLanguage");
    if (language == null) {
      language = attribute(e, "language");
    }
    List<Boolean> include = new ArrayList<>();
    for (String value : split(attribute(e, "includeAudio"))) {
      String v = value.toLowerCase(Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        throw malformed(where, "includeAudio value '" + value + "' is not true or false");
      }
      include.add(v.equals("true"));
    }
    return new SmilEntry(
        src.trim(), split(language), split(attribute(e, "audioName")), List.copyOf(include));
  }

  private static SmilTextStream textStream(Element e, String where) throws PackagingException {
    String src = attribute(e, "src");
    if (src == null) {
      src = attribute(e, "name");
    }
    if (src == null || src.isBlank()) {
      throw malformed(where, "<textstream> has neither src nor name");
    }
    String language = attribute(e, "systemLanguage");
    if (language == null) {
      language = attribute(e, "language");
    }
    return new SmilTextStream(
        src.trim(), blankToNull(language), blankToNull(attribute(e, "subtitleName")));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static List<String> split(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      parts.add(part.trim());
    }
    return List.copyOf(parts);
  }

  private static String attribute(Element e, String name) {
    return e.hasAttribute(name) ? e.getAttribute(name) : null;
  }

  private static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
  }

  private static Document read(byte[] xml, String where) throws PackagingException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (SAXException | IOException e) {
      throw malformed(where, "is not well-formed XML: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("XML parser lacks a secure configuration", e);
    }
  }

  private static PackagingException malformed(String where, String what) {
    return new PackagingException(PackagingException.Reason.MALFORMED_SOURCE, where + " " + what);
  }
}
