package org.openvod.engine.codec;

/** Escaping for the XML the engine writes (MPD, Smooth manifest, TTML). */
public final class XmlEscape {

  private XmlEscape() {}

  /**
   * {@code v} made safe for element content and double-quoted attribute values. Control characters
   * become spaces: XML 1.0 cannot carry most of them, and a source's stray tab or newline in a name
   * or a cue must not break the document.
   */
  public static String escape(String v) {
    StringBuilder out = new StringBuilder(v.length());
    for (char c : v.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c < 0x20 ? ' ' : c);
      }
    }
    return out.toString();
  }
}
