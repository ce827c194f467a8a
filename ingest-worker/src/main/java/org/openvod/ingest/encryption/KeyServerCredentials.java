package org.openvod.ingest.encryption;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.openvod.events.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * What stands in for AWS's "MediaPackage assumes roleArn to call the key server": a map from role
 * ARN to the HTTP credentials sent with the SPEKE request. Written as JSON ({@code
 * openvod.speke.credentials}, env {@code VOD_SPEKE_CREDENTIALS}):
 *
 * <pre>
 * {"arn:aws:iam::111122223333:role/speke": {"headerName": "x-api-key", "headerValue": "..."},
 *  "arn:aws:iam::111122223333:role/drm": {"username": "packager", "password": "..."},
 *  "*": {"headerName": "Authorization", "headerValue": "Bearer ..."}}
 * </pre>
 *
 * A role without an entry uses the {@code "*"} entry, else sends no credentials (the built-in key
 * server needs none).
 */
public final class KeyServerCredentials {

  private static final Set<String> FIELDS =
      Set.of("headerName", "headerValue", "username", "password");

  private final Map<String, Map<String, String>> headersByRole;

  private KeyServerCredentials(Map<String, Map<String, String>> headersByRole) {
    this.headersByRole = headersByRole;
  }

  public static KeyServerCredentials none() {
    return new KeyServerCredentials(Map.of());
  }

  /**
   * @throws IllegalArgumentException naming the role whose entry is unusable, never echoing secrets
   */
  public static KeyServerCredentials parse(String json) {
    if (json == null || json.isBlank()) {
      return none();
    }
    Map<String, Map<String, String>> raw;
    try {
      raw = Json.MAPPER.readValue(json, new TypeReference<Map<String, Map<String, String>>>() {});
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "openvod.speke.credentials must be a JSON object of role ARN -> {headerName, headerValue}"
              + " or {username, password}: "
              + e.getOriginalMessage());
    }
    Map<String, Map<String, String>> headers = new HashMap<>();
    for (Map.Entry<String, Map<String, String>> e : raw.entrySet()) {
      headers.put(e.getKey(), headers(e.getKey(), e.getValue()));
    }
    return new KeyServerCredentials(Map.copyOf(headers));
  }

  /** The headers to send for a key provider with this roleArn (empty when none are configured). */
  public Map<String, String> headersFor(String roleArn) {
    Map<String, String> headers = roleArn == null ? null : headersByRole.get(roleArn);
    return headers != null ? headers : headersByRole.getOrDefault("*", Map.of());
  }

  private static Map<String, String> headers(String role, Map<String, String> entry) {
    String where = "openvod.speke.credentials[\"" + role + "\"]";
    if (entry == null) {
      throw new IllegalArgumentException(where + " is empty");
    }
    for (String field : entry.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(where + " has an unknown field " + field);
      }
    }
    String name = entry.get("headerName");
    String value = entry.get("headerValue");
    String user = entry.get("username");
    String password = entry.get("password");
    if (name != null && value != null && user == null && password == null) {
      if (name.isBlank() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
        throw new IllegalArgumentException(where + ".headerName is not an HTTP header name");
      }
      return Map.of(name, value);
    }
    if (user != null && password != null && name == null && value == null) {
      String token = user + ":" + password;
      return Map.of(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    }
    throw new IllegalArgumentException(
        where + " needs either headerName and headerValue, or username and password");
  }
}
