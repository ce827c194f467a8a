package org.openvod.ingest.speke;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Gets content keys from a SPEKE key server: POSTs the CPIX request to the key server URL and reads
 * the keys back. Transient failures (5xx, 429, timeouts, I/O errors) are retried with exponential
 * backoff; a 4xx or a malformed answer fails at once with the server's message.
 *
 * <p>The caller picks the key ids (one per contract rule, one for v1), so a job that is redone asks
 * for the same keys; {@link #fetch(URI, KeyRequest)} picks random ones. Thread-safe.
 */
public final class SpekeClient {

  /** How hard to try. */
  public record Retry(int maxAttempts, Duration firstBackoff, Duration requestTimeout) {
    public Retry {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1");
      }
    }

    public static Retry defaults() {
      return new Retry(4, Duration.ofMillis(500), Duration.ofSeconds(10));
    }
  }

  private static final int MAX_MESSAGE = 500;

  private final HttpClient http;
  private final Retry retry;

  public SpekeClient(HttpClient http, Retry retry) {
    this.http = http;
    this.retry = retry;
  }

  public SpekeClient() {
    this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Retry.defaults());
  }

  /**
   * @param keyServer the SpekeKeyProvider's url
   * @throws SpekeException when the keys cannot be had; its message names the cause
   */
  public SpekeKeys fetch(URI keyServer, KeyRequest request) {
    List<UUID> kids = new ArrayList<>();
    for (int i = 0; i < request.keyCount(); i++) {
      kids.add(UUID.randomUUID());
    }
    return fetch(keyServer, request, kids, Map.of());
  }

  /**
   * @param kids the key ids to ask for: {@link KeyRequest#keyCount()} of them, in rule order
   * @param headers extra request headers (the credentials of the provider's roleArn)
   * @throws SpekeException when the keys cannot be had; its message names the cause
   */
  public SpekeKeys fetch(
      URI keyServer, KeyRequest request, List<UUID> kids, Map<String, String> headers) {
    if (kids.size() != request.keyCount()) {
      throw new IllegalArgumentException(
          "the request needs " + request.keyCount() + " key ids, got " + kids.size());
    }
    String body = CpixRequestWriter.write(request, kids);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(keyServer)
            .timeout(retry.requestTimeout())
            .header("Content-Type", "application/xml")
            .header("X-Speke-Version", request.version().header());
    headers.forEach(builder::header);
    HttpRequest httpRequest =
        builder.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    SpekeException last = null;
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      if (attempt > 1) {
        sleep(retry.firstBackoff().multipliedBy(1L << Math.min(attempt - 2, 10)));
      }
      try {
        HttpResponse<String> response =
            http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status == 200) {
          return CpixResponseParser.parse(response.body(), request, kids);
        }
        boolean transient_ = status >= 500 || status == 429;
        last =
            new SpekeException(
                "key server " + keyServer + " answered " + status + ": " + shorten(response.body()),
                status,
                transient_,
                null);
        if (!transient_) {
          throw last;
        }
      } catch (HttpTimeoutException e) {
        last =
            new SpekeException(
                "key server " + keyServer + " did not answer within " + retry.requestTimeout(),
                0,
                true,
                e);
      } catch (IOException e) {
        last =
            new SpekeException(
                "cannot reach key server " + keyServer + ": " + e.getMessage(), 0, true, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SpekeException("interrupted while calling " + keyServer, 0, false, e);
      }
    }
    throw new SpekeException(
        last.getMessage() + " (gave up after " + retry.maxAttempts() + " attempts)",
        last.status(),
        true,
        last.getCause());
  }

  private static String shorten(String body) {
    String text = body == null ? "" : body.strip();
    if (text.isEmpty()) {
      return "(no message)";
    }
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpekeException("interrupted while waiting to retry", 0, false, e);
    }
  }
}
