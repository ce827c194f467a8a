package org.openvod.controlapi.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openvod.controlapi.auth.SigV4Verifier;

/**
 * One API call after the body was read and the signature verified.
 *
 * @param method HTTP method
 * @param segments the path split on '/', each segment percent-decoded (so an encoded ARN in
 *     /tags/{resource-arn} is one segment)
 * @param query query parameters by decoded name, values decoded, in order
 * @param contentType the Content-Type header, or null
 * @param body the raw body
 */
public record ApiRequest(
    String method,
    List<String> segments,
    Map<String, List<String>> query,
    String contentType,
    byte[] body) {

  public static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(SigV4Verifier.percentDecode(s));
      }
    }
    return out;
  }

  public String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public List<String> params(String name) {
    return query.getOrDefault(name, List.of());
  }
}
