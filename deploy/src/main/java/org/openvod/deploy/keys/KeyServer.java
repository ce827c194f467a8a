package org.openvod.deploy.keys;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openvod.events.Json;

/**
 * The built-in key server: the same endpoints on plain HTTP (for players: key URIs and Clear Key
 * licenses) and on HTTPS with a self-signed certificate (for packaging configurations, whose SPEKE
 * url MediaPackage's API insists be https). Both listen on 127.0.0.1.
 *
 * <ul>
 *   <li>{@code POST /speke}: SPEKE v1 (CPIX 2.0) and v2 (CPIX 2.3)
 *   <li>{@code GET /keys/<kid>}: the 16-byte AES-128 key (HLS EXT-X-KEY URI)
 *   <li>{@code POST /clearkey}: W3C Clear Key license, CORS open
 *   <li>{@code GET /health}: 200 while it runs
 * </ul>
 */
public final class KeyServer implements AutoCloseable {

  /** The file (in the key server's directory) holding its TLS certificate in PEM. */
  public static final String CERTIFICATE_FILE = "tls-cert.pem";

  private final HttpServer http;
  private final HttpsServer https;
  private final ExecutorService executor;
  private final TlsCertificate certificate;
  private final CpixResponder cpix;
  private final ClearKeyLicense licenses;
  private final KeyDerivation keys;

  private KeyServer(Path dir, int httpPort, int httpsPort, String publicBaseUrl)
      throws IOException {
    keys = KeyDerivation.inDirectory(dir);
    certificate = TlsCertificate.inDirectory(dir);
    cpix = new CpixResponder(keys, new KeyUris(publicBaseUrl));
    licenses = new ClearKeyLicense(keys);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    http = HttpServer.create(new InetSocketAddress(loopback, httpPort), 0);
    https = HttpsServer.create(new InetSocketAddress(loopback, httpsPort), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
    executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "vod-key-server");
              t.setDaemon(true);
              return t;
            });
    for (HttpServer server : new HttpServer[] {http, https}) {
      server.createContext("/speke", safely(this::speke));
      server.createContext("/keys/", safely(this::key));
      server.createContext("/clearkey", safely(this::clearKey));
      server.createContext("/health", safely(e -> send(e, 200, "text/plain", "ok")));
      server.createContext("/", safely(e -> send(e, 404, "text/plain", "not found")));
      server.setExecutor(executor);
    }
  }

  /**
   * Starts both listeners.
   *
   * @param dir where the secret and the certificate live (created the first time)
   * @param publicBaseUrl the plain-HTTP base players reach this server at, for the key URIs and the
   *     license URL it hands out
   */
  public static KeyServer start(Path dir, int httpPort, int httpsPort, String publicBaseUrl)
      throws IOException {
    KeyServer server = new KeyServer(dir, httpPort, httpsPort, publicBaseUrl);
    server.http.start();
    server.https.start();
    return server;
  }

  /** The SPEKE url to put in packaging configurations. */
  public URI spekeUrl() {
    return URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/speke");
  }

  /** The plain-HTTP base (key URIs, Clear Key licenses; SPEKE works here too). */
  public URI httpUrl() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  /** The certificate of the https listener, for clients that must trust it. */
  public Path certificatePem() {
    return certificate.pemFile();
  }

  @Override
  public void close() {
    http.stop(0);
    https.stop(0);
    executor.shutdownNow();
  }

  private void speke(HttpExchange exchange) throws IOException, KeyServerException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      throw new KeyServerException(405, "POST a CPIX document to /speke");
    }
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String version = exchange.getRequestHeaders().getFirst("X-Speke-Version");
    String answer = cpix.answer(body, version);
    exchange.getResponseHeaders().add("X-Speke-User-Agent", "openvod-key-server");
    exchange.getResponseHeaders().add("X-Speke-Version", version == null ? "1.0" : version.trim());
    send(exchange, 200, "application/xml", answer);
  }

  private void key(HttpExchange exchange) throws IOException, KeyServerException {
    cors(exchange);
    if ("OPTIONS".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(204, -1);
      return;
    }
    if (!"GET".equals(exchange.getRequestMethod())) {
      throw new KeyServerException(405, "GET a key at /keys/<kid>");
    }
    String path = exchange.getRequestURI().getPath();
    String kid = path.substring("/keys/".length());
    UUID id;
    try {
      id = UUID.fromString(kid);
    } catch (IllegalArgumentException e) {
      throw new KeyServerException(404, "no key: '" + kid + "' is not a key id");
    }
    byte[] key = keys.key(id);
    exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, key.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(key);
    }
  }

  private void clearKey(HttpExchange exchange) throws IOException, KeyServerException {
    cors(exchange);
    if ("OPTIONS".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(204, -1);
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      throw new KeyServerException(405, "POST a Clear Key license request to /clearkey");
    }
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    send(exchange, 200, "application/json", licenses.answer(body));
  }

  /** Players in browsers fetch keys and licenses from pages served by the origin. */
  private static void cors(HttpExchange exchange) {
    var h = exchange.getResponseHeaders();
    h.add("Access-Control-Allow-Origin", "*");
    h.add("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    h.add("Access-Control-Allow-Headers", "Content-Type");
    h.add("Access-Control-Max-Age", "86400");
  }

  private interface Handler {
    void handle(HttpExchange exchange) throws IOException, KeyServerException;
  }

  /** Refusals become JSON {"message": ...} answers, as API Gateway key servers send them. */
  private static HttpHandler safely(Handler handler) {
    return exchange -> {
      try (exchange) {
        try {
          handler.handle(exchange);
        } catch (KeyServerException e) {
          send(
              exchange,
              e.status(),
              "application/json",
              Json.writeString(Map.of("message", e.getMessage())));
        } catch (RuntimeException e) {
          send(
              exchange,
              500,
              "application/json",
              Json.writeString(Map.of("message", "key server failure: " + e)));
        }
      }
    };
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
