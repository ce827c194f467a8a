package org.openvod.deploy.keys;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openvod.events.Json;
import tools.jackson.core.JacksonException;

/**
 * The W3C Clear Key license exchange (EME §9.1.3/9.1.4): a request {@code {"kids":[base64url...],
 * "type":"temporary"}} gets {@code {"keys":[{"kty":"oct","k":...,"kid":...}],"type":"temporary"}},
 * keys and kids base64url without padding.
 */
final class ClearKeyLicense {

  /** The request's shape. */
  record Request(List<String> kids, String type) {}

  private final KeyDerivation keys;

  ClearKeyLicense(KeyDerivation keys) {
    this.keys = keys;
  }

  String answer(String body) throws KeyServerException {
    Request request;
    try {
      request = Json.read(body, Request.class);
    } catch (JacksonException e) {
      throw new KeyServerException(
          400, "a Clear Key license request is JSON {\"kids\":[...]}: " + e.getOriginalMessage());
    }
    if (request == null || request.kids() == null || request.kids().isEmpty()) {
      throw new KeyServerException(400, "the Clear Key license request names no kids");
    }
    List<Map<String, String>> out = new ArrayList<>();
    for (String kid : request.kids()) {
      UUID id = kid(kid);
      Map<String, String> key = new LinkedHashMap<>();
      key.put("kty", "oct");
      key.put("k", b64url(keys.key(id)));
      key.put("kid", kid);
      out.add(key);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("keys", out);
    answer.put("type", request.type() == null ? "temporary" : request.type());
    return Json.writeString(answer);
  }

  private static UUID kid(String kid) throws KeyServerException {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(kid == null ? "" : kid.trim());
    } catch (IllegalArgumentException e) {
      throw new KeyServerException(400, "kid '" + kid + "' is not base64url");
    }
    if (bytes.length != 16) {
      throw new KeyServerException(
          400, "kid '" + kid + "' is " + bytes.length + " bytes, a key id has 16");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    return new UUID(b.getLong(), b.getLong());
  }

  static String b64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
