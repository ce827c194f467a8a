package org.openvod.origin.http;

/**
 * One satisfiable byte range of a representation of known length, from a {@code Range} header.
 *
 * @param first first byte offset, inclusive
 * @param last last byte offset, inclusive
 */
public record ByteRange(long first, long last) {

  public long length() {
    return last - first + 1;
  }

  public String contentRange(long total) {
    return "bytes " + first + "-" + last + "/" + total;
  }

  /** What a Range header asks for, against a representation of a given length. */
  public sealed interface Request permits Whole, Partial, Unsatisfiable {}

  /** No usable Range header (absent, malformed, not bytes, or several ranges): send it all. */
  public record Whole() implements Request {}

  public record Partial(ByteRange range) implements Request {}

  /** A syntactically valid single range that selects no byte: 416. */
  public record Unsatisfiable() implements Request {}

  private static final Whole WHOLE = new Whole();
  private static final Unsatisfiable UNSATISFIABLE = new Unsatisfiable();

  /**
   * Interprets a Range header value (RFC 9110 §14.2). Only a single range is honoured; multiple
   * ranges fall back to the whole representation, which the RFC allows.
   */
  public static Request parse(String header, long length) {
    if (header == null) {
      return WHOLE;
    }
    String value = header.trim();
    if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
      return WHOLE;
    }
    String spec = value.substring(6).trim();
    if (spec.isEmpty() || spec.indexOf(',') >= 0) {
      return WHOLE;
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return WHOLE;
    }
    String from = spec.substring(0, dash).trim();
    String to = spec.substring(dash + 1).trim();
    try {
      if (from.isEmpty()) {
        if (to.isEmpty()) {
          return WHOLE;
        }
        long suffix = parseDigits(to);
        if (suffix == 0 || length == 0) {
          return UNSATISFIABLE;
        }
        long first = Math.max(0, length - suffix);
        return new Partial(new ByteRange(first, length - 1));
      }
      long first = parseDigits(from);
      long last = to.isEmpty() ? length - 1 : parseDigits(to);
      if (!to.isEmpty() && last < first) {
        return WHOLE; // invalid range-spec: ignored
      }
      if (first >= length) {
        return UNSATISFIABLE;
      }
      return new Partial(new ByteRange(first, Math.min(last, length - 1)));
    } catch (NumberFormatException e) {
      return WHOLE;
    }
  }

  private static long parseDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw new NumberFormatException(s);
      }
    }
    return Long.parseLong(s);
  }
}
