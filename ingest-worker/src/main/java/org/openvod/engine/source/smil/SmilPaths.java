package org.openvod.engine.source.smil;

import java.util.ArrayDeque;
import java.util.Deque;
import org.openvod.engine.media.PackagingException;

/**
 * Resolves a path written in a .smil against the .smil's folder, inside the source's root: no
 * absolute paths, URLs, backslashes or '..' that climb above the root.
 */
final class SmilPaths {

  private SmilPaths() {}

  static String resolve(String smilPath, String src) throws PackagingException {
    if (src.startsWith("/")
        || src.contains("\\")
        || src.contains(":")
        || src.contains("?")
        || src.contains("#")
        || src.chars().anyMatch(c -> c < 0x20)) {
      throw refused(src, "must be a relative path inside the source's folder");
    }
    int slash = smilPath.lastIndexOf('/');
    String base = slash < 0 ? "" : smilPath.substring(0, slash + 1);
    Deque<String> parts = new ArrayDeque<>();
    for (String part : (base + src).split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw refused(src, "leaves the source's folder");
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    if (parts.isEmpty()) {
      throw refused(src, "names no file");
    }
    return String.join("/", parts);
  }

  private static PackagingException refused(String src, String why) {
    return new PackagingException(
        PackagingException.Reason.MALFORMED_SOURCE, "SMIL path '" + src + "' " + why);
  }
}
