package org.openvod.controlapi.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openvod.controlapi.api.ApiException;

/**
 * Verifies AWS Signature Version 4 on header-signed requests (Authorization: AWS4-HMAC-SHA256), for
 * the one configured access key and the service name {@code mediapackage-vod}. The payload hash is
 * checked against the body. Any region in the credential scope is accepted (the signing key is
 * derived with it), so clients configured for another region still work against this deployment.
 */
public final class SigV4Verifier {

  public static final String SERVICE = "mediapackage-vod";
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final HexFormat HEX = HexFormat.of();

  private final String accessKeyId;
  private final String secretAccessKey;
  private final Duration maxSkew;
  private final Clock clock;

  public SigV4Verifier(String accessKeyId, String secretAccessKey, Duration maxSkew, Clock clock) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.maxSkew = maxSkew;
    this.clock = clock;
  }

  /** Returns normally when the signature is valid; throws a 403 ApiException otherwise. */
  public void verify(SignedRequest request) {
    String authorization = request.header("authorization");
    if (authorization == null) {
      throw ApiException.forbidden(
          "Missing Authentication Token: requests must be signed with AWS Signature Version 4");
    }
    if (!authorization.startsWith(ALGORITHM + " ")) {
      throw ApiException.forbidden("Authorization must use " + ALGORITHM);
    }
    Map<String, String> parts = parseAuthorization(authorization.substring(ALGORITHM.length()));
    String credential = parts.get("Credential");
    String signedHeaders = parts.get("SignedHeaders");
    String signature = parts.get("Signature");
    if (credential == null || signedHeaders == null || signature == null) {
      throw ApiException.forbidden(
          "Authorization header requires Credential, SignedHeaders and Signature");
    }
    String[] scope = credential.split("/");
    if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
      throw ApiException.forbidden(
          "Credential must be <access key>/<date>/<region>/<service>/aws4_request");
    }
    if (!accessKeyId.equals(scope[0])) {
      throw ApiException.forbidden("The security token included in the request is invalid");
    }
    if (!SERVICE.equals(scope[3])) {
      throw ApiException.forbidden("Credential should be scoped to service " + SERVICE);
    }
    String amzDate = request.header("x-amz-date");
    Instant signedAt = parseDate(amzDate);
    if (!amzDate.startsWith(scope[1])) {
      throw ApiException.forbidden("Credential date does not match X-Amz-Date");
    }
    Duration skew = Duration.between(signedAt, clock.instant()).abs();
    if (skew.compareTo(maxSkew) > 0) {
      throw ApiException.forbidden(
          "Signature expired: X-Amz-Date "
              + amzDate
              + " is more than "
              + maxSkew.toMinutes()
              + " minutes from the server time");
    }
    List<String> headerNames = List.of(signedHeaders.split(";"));
    if (!headerNames.contains("host")) {
      throw ApiException.forbidden("SignedHeaders must include host");
    }
    String payloadHash = payloadHash(request);
    String canonicalHeaders = canonicalHeaders(request, headerNames);
    String canonicalQuery = canonicalQuery(request.rawQuery());
    String scopeString = String.join("/", scope[1], scope[2], scope[3], scope[4]);
    byte[] key = signingKey(scope[1], scope[2], scope[3]);
    for (String canonicalUri : canonicalUris(request.rawPath())) {
      String canonicalRequest =
          String.join(
              "\n",
              request.method(),
              canonicalUri,
              canonicalQuery,
              canonicalHeaders,
              signedHeaders,
              payloadHash);
      String stringToSign =
          String.join("\n", ALGORITHM, amzDate, scopeString, hex(sha256(canonicalRequest)));
      String expected = HEX.formatHex(hmac(key, stringToSign));
      if (MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.US_ASCII),
          signature.getBytes(StandardCharsets.US_ASCII))) {
        return;
      }
    }
    throw ApiException.forbidden(
        "The request signature we calculated does not match the signature you provided."
            + " Check your AWS Secret Access Key and signing method.");
  }

  private static Map<String, String> parseAuthorization(String rest) {
    Map<String, String> parts = new HashMap<>();
    for (String part : rest.split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return parts;
  }

  private static Instant parseDate(String amzDate) {
    if (amzDate == null) {
      throw ApiException.forbidden("X-Amz-Date header is required");
    }
    try {
      return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiException.forbidden("X-Amz-Date must be in the form yyyyMMdd'T'HHmmss'Z'");
    }
  }

  private static String payloadHash(SignedRequest request) {
    String actual = hex(sha256(request.body()));
    String claimed = request.header("x-amz-content-sha256");
    if (claimed == null) {
      return actual;
    }
    if (!claimed.equalsIgnoreCase(actual)) {
      throw ApiException.forbidden(
          "The provided x-amz-content-sha256 header does not match the body"
              + " (unsigned or streaming payloads are not accepted)");
    }
    return claimed;
  }

  private static String canonicalHeaders(SignedRequest request, List<String> names) {
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      List<String> values = request.headers().get(name);
      if (values == null) {
        throw ApiException.forbidden("signed header '" + name + "' is missing from the request");
      }
      List<String> trimmed = new ArrayList<>();
      for (String v : values) {
        trimmed.add(v.trim().replaceAll(" +", " "));
      }
      out.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    return out.toString();
  }

  /**
   * SigV4 for every service but S3 encodes the (already encoded) path once more; some clients
   * encode it only once. Both forms are tried.
   */
  static Set<String> canonicalUris(String rawPath) {
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    Set<String> uris = new LinkedHashSet<>();
    uris.add(uriEncode(path, false));
    uris.add(uriEncode(percentDecode(path), false));
    return uris;
  }

  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> params = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.add(
          new String[] {
            uriEncode(percentDecode(name), true), uriEncode(percentDecode(value), true)
          });
    }
    params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    List<String> joined = new ArrayList<>();
    for (String[] p : params) {
      joined.add(p[0] + "=" + p[1]);
    }
    return String.join("&", joined);
  }

  /** RFC 3986 encoding as SigV4 defines it: unreserved characters kept, '/' kept unless asked. */
  static String uriEncode(String s, boolean encodeSlash) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (c == '/' && !encodeSlash)) {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)));
        out.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Decodes %XX escapes (not '+'); malformed escapes are kept as they are. */
  public static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && isHex(s, i + 1) && isHex(s, i + 2)) {
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }

  private byte[] signingKey(String date, String region, String service) {
    byte[] kDate = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
    byte[] kRegion = hmac(kDate, region);
    byte[] kService = hmac(kRegion, service);
    return hmac(kService, "aws4_request");
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (Exception e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
