package org.openvod.controlapi.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.openvod.controlapi.auth.SigV4Verifier;
import org.openvod.controlapi.auth.SignedRequest;
import org.openvod.events.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The HTTP edge of the API: reads the body (bounded), verifies the SigV4 signature, routes, and
 * writes answers and AWS-style errors ({@code x-amzn-ErrorType} header plus {@code
 * {"message","__type"}} body). Nothing a client sends can produce a 500: every failure of input
 * becomes a 4xx with a message.
 */
public final class ApiHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

  private final SigV4Verifier verifier;
  private final ApiRouter router;
  private final int maxBodyBytes;

  public ApiHandler(SigV4Verifier verifier, ApiRouter router, int maxBodyBytes) {
    this.verifier = verifier;
    this.router = router;
    this.maxBodyBytes = maxBodyBytes;
  }

  public Mono<ServerResponse> handle(ServerRequest request) {
    ServerHttpRequest http = request.exchange().getRequest();
    String requestId = UUID.randomUUID().toString();
    return BodyReader.read(http.getBody(), maxBodyBytes)
        .flatMap(body -> dispatch(http, body))
        .flatMap(response -> write(response, requestId))
        .onErrorResume(ApiException.class, e -> error(e.error(), e.getMessage(), requestId))
        .onErrorResume(
            e -> {
              log.error("unexpected failure of {} {}", http.getMethod(), http.getURI(), e);
              return error(
                  ApiError.InternalServerErrorException, "internal server error", requestId);
            });
  }

  private Mono<ApiResponse> dispatch(ServerHttpRequest http, BodyReader.Body body) {
    if (body.oversized()) {
      throw ApiException.unprocessable(
          "the request body has "
              + body.length()
              + " bytes; at most "
              + maxBodyBytes
              + " are accepted");
    }
    URI uri = http.getURI();
    String rawPath = uri.getRawPath() == null ? "/" : uri.getRawPath();
    String rawQuery = uri.getRawQuery();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    http.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
    verifier.verify(
        new SignedRequest(http.getMethod().name(), rawPath, rawQuery, headers, body.bytes()));
    ApiRequest request =
        new ApiRequest(
            http.getMethod().name(),
            ApiRequest.segments(rawPath),
            query(rawQuery),
            http.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE),
            body.bytes());
    return router.route(request);
  }

  static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery == null) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = SigV4Verifier.percentDecode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : SigV4Verifier.percentDecode(pair.substring(eq + 1));
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static Mono<ServerResponse> write(ApiResponse response, String requestId) {
    ServerResponse.BodyBuilder builder =
        ServerResponse.status(response.status()).header("x-amzn-RequestId", requestId);
    if (response.body() == null) {
      return builder.build();
    }
    return builder.contentType(MediaType.APPLICATION_JSON).bodyValue(Json.write(response.body()));
  }

  private static Mono<ServerResponse> error(ApiError error, String message, String requestId) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("__type", error.name());
    return ServerResponse.status(error.status())
        .header("x-amzn-RequestId", requestId)
        .header("x-amzn-ErrorType", error.name())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Json.write(body));
  }
}
