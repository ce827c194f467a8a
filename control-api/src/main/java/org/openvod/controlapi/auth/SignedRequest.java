package org.openvod.controlapi.auth;

import java.util.List;
import java.util.Map;

/**
 * What SigV4 verification needs of an HTTP request, exactly as received.
 *
 * @param method the HTTP method
 * @param rawPath the path as sent (percent-encoding kept)
 * @param rawQuery the query string as sent, without '?', or null
 * @param headers header values by lower-case name
 * @param body the request body (empty array when none)
 */
public record SignedRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body) {

  public String header(String lowerCaseName) {
    List<String> values = headers.get(lowerCaseName);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
