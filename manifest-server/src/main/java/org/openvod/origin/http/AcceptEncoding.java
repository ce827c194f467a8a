package org.openvod.origin.http;

/** Reads an Accept-Encoding header just far enough to know whether gzip is acceptable. */
public final class AcceptEncoding {

  private AcceptEncoding() {}

  public static boolean allowsGzip(String header) {
    if (header == null) {
      return false;
    }
    boolean wildcard = false;
    for (String part : header.split(",")) {
      String[] params = part.split(";");
      String coding = params[0].trim();
      boolean zero = false;
      for (int i = 1; i < params.length; i++) {
        String p = params[i].trim();
        if (p.startsWith("q=") || p.startsWith("Q=")) {
          try {
            zero = Double.parseDouble(p.substring(2).trim()) <= 0;
          } catch (NumberFormatException e) {
            zero = true;
          }
        }
      }
      if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
        return !zero;
      }
      if (coding.equals("*")) {
        wildcard = !zero;
      }
    }
    return wildcard;
  }
}
