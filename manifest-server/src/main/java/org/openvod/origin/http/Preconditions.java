package org.openvod.origin.http;

import java.time.Instant;

/** Evaluates conditional request headers (RFC 9110 §13) against a representation's validators. */
public final class Preconditions {

  private Preconditions() {}

  /**
   * True when a GET/HEAD can be answered 304. If-None-Match wins over If-Modified-Since; ETags
   * compare weakly, as the RFC requires for If-None-Match.
   *
   * @param etags every ETag the resource has (identity and encoded variants)
   */
  public static boolean notModified(
      String ifNoneMatch, String ifModifiedSince, Instant lastModified, String... etags) {
    if (ifNoneMatch != null) {
      return matchesAny(ifNoneMatch, etags);
    }
    if (ifModifiedSince != null && lastModified != null) {
      Instant since = HttpDates.parse(ifModifiedSince);
      return since != null && lastModified.getEpochSecond() <= since.getEpochSecond();
    }
    return false;
  }

  /**
   * True when a Range may be honoured under If-Range: absent, a strong ETag equal to ours, or a
   * date equal to Last-Modified.
   */
  public static boolean rangeAllowed(String ifRange, String etag, Instant lastModified) {
    if (ifRange == null) {
      return true;
    }
    String value = ifRange.trim();
    if (value.startsWith("\"")) {
      return value.equals(etag);
    }
    if (value.startsWith("W/")) {
      return false;
    }
    Instant date = HttpDates.parse(value);
    return date != null
        && lastModified != null
        && date.getEpochSecond() == lastModified.getEpochSecond();
  }

  private static boolean matchesAny(String header, String... etags) {
    for (String candidate : header.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      for (String etag : etags) {
        if (etag != null && tag.equals(etag)) {
          return true;
        }
      }
    }
    return false;
  }
}
