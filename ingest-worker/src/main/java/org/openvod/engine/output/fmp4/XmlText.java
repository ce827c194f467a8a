package org.openvod.engine.output.fmp4;

import org.openvod.engine.codec.XmlEscape;

/** Builds small XML documents (MPD, Smooth manifests) with escaped attribute values. */
public final class XmlText {

  private final StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  private int depth;
  private boolean open;
  private boolean inline;

  /** Starts an element; add attributes with {@link #attr}, then children or {@link #end}. */
  public XmlText start(String name) {
    closeOpen();
    s.append("  ".repeat(depth)).append('<').append(name);
    open = true;
    depth++;
    return this;
  }

  public XmlText attr(String name, Object value) {
    if (value == null) {
      return this;
    }
    s.append(' ').append(name).append("=\"").append(escape(String.valueOf(value))).append('"');
    return this;
  }

  /** The open element's text content (escaped); the element ends on the same line. */
  public XmlText text(String value) {
    if (!open) {
      throw new IllegalStateException("text() needs an element just started");
    }
    s.append('>').append(escape(value));
    open = false;
    inline = true;
    return this;
  }

  public XmlText end(String name) {
    depth--;
    if (inline) {
      s.append("</").append(name).append(">\n");
      inline = false;
    } else if (open) {
      s.append("/>\n");
      open = false;
    } else {
      s.append("  ".repeat(depth)).append("</").append(name).append(">\n");
    }
    return this;
  }

  /**
   * Appends a fragment of XML as it is, as the children of the open element (markup a key server
   * hands out for a manifest). The caller vouches that it is well-formed.
   */
  public XmlText raw(String fragment) {
    closeOpen();
    for (String line : fragment.strip().split("\n")) {
      s.append("  ".repeat(depth)).append(line.strip()).append('\n');
    }
    return this;
  }

  private void closeOpen() {
    if (open) {
      s.append(">\n");
      open = false;
    }
  }

  @Override
  public String toString() {
    return s.toString();
  }

  public static String escape(String v) {
    return XmlEscape.escape(v);
  }
}
