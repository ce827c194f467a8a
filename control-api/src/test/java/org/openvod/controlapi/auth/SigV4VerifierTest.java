package org.openvod.controlapi.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvod.controlapi.api.ApiError;
import org.openvod.controlapi.api.ApiException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The verifier against requests signed by the AWS SDK's own SigV4 signer. */
class SigV4VerifierTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final SigV4Verifier verifier =
      new SigV4Verifier("key", "secret", Duration.ofMinutes(15), Clock.fixed(NOW, ZoneOffset.UTC));

  private static SignedRequest signed(
      String method, String url, byte[] body, String secret, Instant at, String service) {
    URI uri = URI.create(url);
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
    }
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create("key", secret))
                        .request(request.build())
                        .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                        .putProperty(
                            AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
            .request();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    signed.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
    headers.putIfAbsent("host", List.of(uri.getHost() + ":" + uri.getPort()));
    return new SignedRequest(
        method, uri.getRawPath(), uri.getRawQuery(), headers, body == null ? new byte[0] : body);
  }

  private static SignedRequest signed(String method, String url, byte[] body) {
    return signed(method, url, body, "secret", NOW, "mediapackage-vod");
  }

  private void forbidden(SignedRequest request, String message) {
    assertThatThrownBy(() -> verifier.verify(request))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat403((ApiException) e));
  }

  private static void assertThat403(ApiException e) {
    if (e.error() != ApiError.ForbiddenException) {
      throw new AssertionError("expected 403, got " + e.error());
    }
  }

  @Test
  void acceptsSdkSignedRequestsWithEncodedArnsQueriesAndBodies() {
    byte[] body = "{\"tags\":{\"a\":\"b\"}}".getBytes(StandardCharsets.UTF_8);
    String arn = "arn%3Aaws%3Amediapackage-vod%3Aus-east-1%3A000000000000%3Aassets%2Fmy-asset";
    assertThatCode(() -> verifier.verify(signed("POST", "http://127.0.0.1:8080/tags/" + arn, body)))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                verifier.verify(
                    signed(
                        "DELETE",
                        "http://127.0.0.1:8080/tags/" + arn + "?tagKeys=b&tagKeys=a%2Cc",
                        null)))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                verifier.verify(
                    signed(
                        "GET",
                        "http://127.0.0.1:8080/assets?maxResults=5&nextToken=djE6YQ",
                        null,
                        "secret",
                        NOW.minus(Duration.ofMinutes(14)),
                        "mediapackage-vod")))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesTamperedOrWronglySignedRequests() {
    byte[] body = "{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8);
    SignedRequest good = signed("POST", "http://127.0.0.1:8080/packaging_groups", body);
    forbidden(
        new SignedRequest(
            good.method(),
            good.rawPath(),
            good.rawQuery(),
            good.headers(),
            "{\"id\":\"b\"}".getBytes(StandardCharsets.UTF_8)),
        "x-amz-content-sha256");
    forbidden(
        new SignedRequest("PUT", good.rawPath(), good.rawQuery(), good.headers(), good.body()),
        "signature we calculated does not match");
    forbidden(
        new SignedRequest(good.method(), "/packaging_groups/x", null, good.headers(), good.body()),
        "signature we calculated does not match");
    forbidden(
        signed(
            "POST",
            "http://127.0.0.1:8080/packaging_groups",
            body,
            "other",
            NOW,
            "mediapackage-vod"),
        "signature we calculated does not match");
    forbidden(
        signed("GET", "http://127.0.0.1:8080/assets", null, "secret", NOW, "mediapackage"),
        "scoped to service mediapackage-vod");
    forbidden(
        signed(
            "GET",
            "http://127.0.0.1:8080/assets",
            null,
            "secret",
            NOW.minus(Duration.ofMinutes(16)),
            "mediapackage-vod"),
        "Signature expired");
    Map<String, List<String>> noAuth = new LinkedHashMap<>(good.headers());
    noAuth.remove("authorization");
    forbidden(
        new SignedRequest(good.method(), good.rawPath(), null, noAuth, good.body()),
        "Missing Authentication Token");
  }
}
