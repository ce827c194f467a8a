package org.openvod.engine.output.hls;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openvod.engine.encrypt.ContentKey;
import org.openvod.engine.encrypt.ProtectionKey;
import org.openvod.engine.encrypt.TestKeys;

/**
 * Serves one HLS content key over HTTP on 127.0.0.1, the way a key server's key URI does (16 raw
 * bytes), and counts the requests, so tests prove players fetched the key from the URI the playlist
 * names.
 */
final class KeyServer implements AutoCloseable {

  private final HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  KeyServer(ContentKey key) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = key.key();
    server.createContext(
        "/keys/",
        exchange -> {
          try (exchange) {
            requests.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          }
        });
    server.start();
  }

  String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/keys/content.key";
  }

  /** The key with one DRM signal whose HLS key URI is this server's. */
  ProtectionKey protectionKey(ContentKey key) {
    return TestKeys.atKeyUri(key, uri());
  }

  int requestCount() {
    return requests.size();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
