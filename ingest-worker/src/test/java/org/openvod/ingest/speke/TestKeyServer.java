package org.openvod.ingest.speke;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A SPEKE key server written from the specification: it fills the request document in place, as the
 * spec's examples do (keys as pskc PlainValue, explicit IVs, base64 signaling per DRM system), and
 * misbehaves on other paths to exercise the client's error handling.
 */
public final class TestKeyServer implements AutoCloseable {

  public static final String CPIX = "urn:dashif:org:cpix";
  static final String PSKC = "urn:ietf:params:xml:ns:keyprov:pskc";
  static final String SPEKE = "urn:aws:amazon:com:speke";

  private final HttpServer server;
  private final java.util.concurrent.ExecutorService executor =
      java.util.concurrent.Executors.newFixedThreadPool(4);
  private final SecureRandom random = new SecureRandom();

  /** kid -> key the server handed out, so tests can compare. */
  public final Map<UUID, byte[]> keys = new ConcurrentHashMap<>();

  final Map<UUID, byte[]> ivs = new ConcurrentHashMap<>();
  final AtomicInteger calls = new AtomicInteger();
  public volatile Document lastRequest;
  volatile String lastVersionHeader;

  /** The request headers of the last SPEKE request answered. */
  public volatile com.sun.net.httpserver.Headers lastHeaders;

  public TestKeyServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/speke", e -> answer(e, false));
    server.createContext("/keys/", this::serveKey);
    server.createContext("/missing", e -> answer(e, true));
    server.createContext(
        "/forbidden",
        e -> send(e, 403, "{\"message\":\"User is not authorized to access this resource\"}"));
    server.createContext(
        "/malformed", e -> send(e, 200, "<cpix:CPIX xmlns:cpix=\"" + CPIX + "\"><cpix:Content"));
    server.createContext(
        "/doctype",
        e ->
            send(
                e,
                200,
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY f SYSTEM \"file:///etc/passwd\">]>"
                    + "<cpix:CPIX xmlns:cpix=\""
                    + CPIX
                    + "\">&f;</cpix:CPIX>"));
    server.createContext("/down", e -> send(e, 500, "internal failure"));
    server.createContext(
        "/flaky",
        e -> {
          if (calls.get() < 2) {
            calls.incrementAndGet();
            e.getRequestBody().readAllBytes();
            send(e, 503, "try later");
          } else {
            answer(e, false);
          }
        });
    server.createContext(
        "/slow",
        e -> {
          if (calls.get() == 0) {
            calls.incrementAndGet();
            sleep(1500);
            send(e, 503, "too late");
          } else {
            answer(e, false);
          }
        });
    server.setExecutor(executor);
    server.start();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void answer(HttpExchange exchange, boolean dropSecondKey) throws IOException {
    calls.incrementAndGet();
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
      lastRequest = doc;
      lastVersionHeader = exchange.getRequestHeaders().getFirst("X-Speke-Version");
      lastHeaders = exchange.getRequestHeaders();
      NodeList contentKeys = doc.getElementsByTagNameNS(CPIX, "ContentKey");
      for (int i = 0; i < contentKeys.getLength(); i++) {
        Element key = (Element) contentKeys.item(i);
        if (dropSecondKey && i == 1) {
          continue;
        }
        UUID kid = UUID.fromString(key.getAttribute("kid"));
        byte[] secret = bytes(16);
        byte[] iv = bytes(16);
        keys.put(kid, secret);
        ivs.put(kid, iv);
        key.setAttribute("explicitIV", b64(iv));
        Element data = (Element) key.appendChild(doc.createElementNS(CPIX, "cpix:Data"));
        Element s = (Element) data.appendChild(doc.createElementNS(PSKC, "pskc:Secret"));
        s.appendChild(doc.createElementNS(PSKC, "pskc:PlainValue")).setTextContent(b64(secret));
      }
      NodeList drms = doc.getElementsByTagNameNS(CPIX, "DRMSystem");
      for (int i = 0; i < drms.getLength(); i++) {
        Element drm = (Element) drms.item(i);
        UUID kid = UUID.fromString(drm.getAttribute("kid"));
        UUID system = UUID.fromString(drm.getAttribute("systemId"));
        fill(drm, CPIX, "PSSH", pssh(system, kid));
        fill(
            drm,
            CPIX,
            "ContentProtectionData",
            utf8("<cenc:pssh>" + b64(pssh(system, kid)) + "</cenc:pssh>"));
        fill(drm, CPIX, "URIExtXKey", utf8(keyUri(kid)));
        fill(drm, SPEKE, "KeyFormat", utf8("identity"));
        fill(drm, SPEKE, "KeyFormatVersions", utf8("1"));
        fill(drm, SPEKE, "ProtectionHeader", utf8("<WRMHEADER kid=\"" + kid + "\"/>"));
        NodeList hls = drm.getElementsByTagNameNS(CPIX, "HLSSignalingData");
        for (int j = 0; j < hls.getLength(); j++) {
          Element e = (Element) hls.item(j);
          String tag =
              "master".equals(e.getAttribute("playlist")) ? "#EXT-X-SESSION-KEY" : "#EXT-X-KEY";
          e.setTextContent(b64(utf8(tag + ":METHOD=SAMPLE-AES,URI=\"" + keyUri(kid) + "\"")));
        }
      }
      StringWriter out = new StringWriter();
      TransformerFactory.newInstance()
          .newTransformer()
          .transform(new DOMSource(doc), new StreamResult(out));
      exchange.getResponseHeaders().add("X-Speke-User-Agent", "openvod-test-key-server");
      exchange.getResponseHeaders().add("X-Speke-Version", lastVersionHeader);
      send(exchange, 200, out.toString());
    } catch (Exception e) {
      send(exchange, 400, "bad CPIX request: " + e.getMessage());
    }
  }

  /** Where players fetch a key (the URIExtXKey it answers): this server, path /keys/{kid}. */
  public String keyUri(UUID kid) {
    return uri("/keys/" + kid).toString();
  }

  private void serveKey(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    byte[] key = keys.get(UUID.fromString(path.substring(path.lastIndexOf('/') + 1)));
    if (key == null) {
      send(exchange, 404, "no such key");
      return;
    }
    exchange.sendResponseHeaders(200, key.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(key);
    }
  }

  /** A version 1 pssh box naming the kid, as a DRM server would return. */
  public static byte[] pssh(UUID system, UUID kid) {
    ByteBuffer box = ByteBuffer.allocate(52);
    box.putInt(52).put("pssh".getBytes(StandardCharsets.US_ASCII)).putInt(0x01000000);
    box.putLong(system.getMostSignificantBits()).putLong(system.getLeastSignificantBits());
    box.putInt(1).putLong(kid.getMostSignificantBits()).putLong(kid.getLeastSignificantBits());
    box.putInt(0);
    return box.array();
  }

  private static void fill(Element drm, String ns, String name, byte[] value) {
    NodeList found = drm.getElementsByTagNameNS(ns, name);
    if (found.getLength() > 0) {
      found.item(0).setTextContent(b64(value));
    }
  }

  private byte[] bytes(int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
