package org.openvod.origin.http;

import org.openvod.events.EgressLayout;

/**
 * A validated playback path: {@code /out/v1/{assetHex}/{configHex}/{manifestHex}/{file...}}.
 *
 * <p>Parsing works on the raw request target, before any decoding, and is deliberately strict: the
 * object key is derived from the path, so anything that could make two different spellings name the
 * same or another object (dot segments, empty segments, backslashes, encoded separators or dots,
 * double encoding, control characters, absolute-form targets) is rejected outright rather than
 * normalised. Only a few harmless characters may arrive percent-encoded (players sometimes encode
 * the parentheses of Smooth Streaming fragment names).
 *
 * @param assetHex the asset's 32-hex id
 * @param configHex the configuration's 32-hex id
 * @param manifestHex the configuration's manifest directory id
 * @param file the file path below the manifest directory, possibly with further '/'
 */
public record EgressPath(String assetHex, String configHex, String manifestHex, String file) {

  /** Longest request target we look at; real playback paths are far shorter. */
  public static final int MAX_TARGET_LENGTH = 1024;

  private static final int HEX_LENGTH = 32;
  private static final int MAX_FILE_SEGMENTS = 8;

  /** The object key in the output bucket (the path after {@code /out/v1/}). */
  public String objectKey() {
    return EgressLayout.keyPrefix(assetHex, configHex, manifestHex) + file;
  }

  /** The last segment of the file path. */
  public String fileName() {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? file : file.substring(slash + 1);
  }

  /**
   * Parses a raw request target (as sent on the request line, query allowed).
   *
   * @throws InvalidPathException naming what is wrong
   */
  public static EgressPath parse(String rawTarget) {
    if (rawTarget == null || rawTarget.isEmpty()) {
      throw new InvalidPathException("empty request target");
    }
    if (rawTarget.length() > MAX_TARGET_LENGTH) {
      throw new InvalidPathException("request target longer than " + MAX_TARGET_LENGTH);
    }
    if (rawTarget.charAt(0) != '/') {
      throw new InvalidPathException("request target must be origin-form (start with '/')");
    }
    int end = rawTarget.length();
    int query = rawTarget.indexOf('?');
    if (query >= 0) {
      end = query;
    }
    if (rawTarget.indexOf('#') >= 0) {
      throw new InvalidPathException("fragment in request target");
    }
    String rawPath = rawTarget.substring(0, end);
    if (!rawPath.startsWith(EgressLayout.PATH_PREFIX)) {
      throw new InvalidPathException("path must start with " + EgressLayout.PATH_PREFIX);
    }
    String[] segments = rawPath.substring(EgressLayout.PATH_PREFIX.length()).split("/", -1);
    if (segments.length < 4) {
      throw new InvalidPathException("path needs asset, configuration and manifest ids and a file");
    }
    if (segments.length > 3 + MAX_FILE_SEGMENTS) {
      throw new InvalidPathException("too many path segments");
    }
    String asset = hexSegment(segments[0], "asset id");
    String config = hexSegment(segments[1], "configuration id");
    String manifest = hexSegment(segments[2], "manifest id");
    StringBuilder file = new StringBuilder();
    for (int i = 3; i < segments.length; i++) {
      if (i > 3) {
        file.append('/');
      }
      file.append(fileSegment(segments[i]));
    }
    return new EgressPath(asset, config, manifest, file.toString());
  }

  private static String hexSegment(String segment, String what) {
    if (segment.length() != HEX_LENGTH) {
      throw new InvalidPathException(what + " must be 32 lowercase hex digits");
    }
    for (int i = 0; i < HEX_LENGTH; i++) {
      char c = segment.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new InvalidPathException(what + " must be 32 lowercase hex digits");
      }
    }
    return segment;
  }

  private static String fileSegment(String raw) {
    if (raw.isEmpty()) {
      throw new InvalidPathException("empty path segment");
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw new InvalidPathException("truncated percent-encoding");
        }
        int decoded = hexValue(raw.charAt(i + 1)) << 4 | hexValue(raw.charAt(i + 2));
        if (!isEncodableLiteral((char) decoded)) {
          throw new InvalidPathException(
              "percent-encoded character %" + raw.substring(i + 1, i + 3) + " not allowed");
        }
        out.append((char) decoded);
        i += 2;
      } else if (isLiteral(c)) {
        out.append(c);
      } else {
        throw new InvalidPathException(
            "character not allowed in path: 0x" + Integer.toHexString(c));
      }
    }
    String segment = out.toString();
    if (segment.equals(".") || segment.equals("..")) {
      throw new InvalidPathException("dot segment in path");
    }
    return segment;
  }

  private static int hexValue(char c) {
    int v = Character.digit(c, 16);
    if (v < 0) {
      throw new InvalidPathException("malformed percent-encoding");
    }
    return v;
  }

  /** Characters allowed unencoded in a file segment: RFC 3986 unreserved plus a few sub-delims. */
  private static boolean isLiteral(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~'
        || c == '('
        || c == ')'
        || c == '='
        || c == ','
        || c == '+'
        || c == '!'
        || c == '@';
  }

  /**
   * Characters a client may send percent-encoded. Never '/', '\\', '.', '%' (double encoding) or
   * control characters: those could change which object a path names.
   */
  private static boolean isEncodableLiteral(char c) {
    return c != '.' && c != '%' && c != '/' && c != '\\' && isLiteral(c);
  }

  /** The request target is not a well-formed playback path. */
  public static final class InvalidPathException extends RuntimeException {
    public InvalidPathException(String message) {
      super(message, null, false, false);
    }
  }
}
