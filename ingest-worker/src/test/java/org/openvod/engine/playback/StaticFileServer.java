package org.openvod.engine.playback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves one folder over HTTP on 127.0.0.1 for players in a browser: CORS headers (the page comes
 * from another origin), single byte ranges (players and dash.js sidx requests use them) and the
 * media content types. Records every request line so tests can check what a player fetched.
 */
final class StaticFileServer implements AutoCloseable {

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  private final Path root;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private StaticFileServer(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  static StaticFileServer serve(Path root) {
    try {
      return new StaticFileServer(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL of {@code relativePath} (with '/' separators) under the served folder. */
  URI url(String relativePath) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")
        .resolve(relativePath.replace(" ", "%20"));
  }

  /** "METHOD path status" of every request so far. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = respond(exchange);
      requests.add(
          exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + status);
    }
  }

  private int respond(HttpExchange exchange) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Access-Control-Allow-Origin", "*");
    headers.set("Access-Control-Allow-Headers", "Range");
    headers.set("Access-Control-Expose-Headers", "Content-Length, Content-Range");
    String method = exchange.getRequestMethod();
    if (method.equals("OPTIONS")) {
      return send(exchange, 204, -1);
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return send(exchange, 405, -1);
    }
    // getPath() is already percent-decoded; MSS paths such as Fragments(video=0) stay as-is.
    Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return send(exchange, 404, -1);
    }
    long size = Files.size(file);
    headers.set("Content-Type", contentType(file.getFileName().toString()));
    headers.set("Accept-Ranges", "bytes");
    long start = 0;
    long end = size - 1;
    int status = 200;
    String range = exchange.getRequestHeaders().getFirst("Range");
    if (range != null) {
      Matcher m = RANGE.matcher(range.trim());
      if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
        headers.set("Content-Range", "bytes */" + size);
        return send(exchange, 416, -1);
      }
      if (m.group(1).isEmpty()) { // suffix: the last N bytes
        start = Math.max(0, size - Long.parseLong(m.group(2)));
      } else {
        start = Long.parseLong(m.group(1));
        if (!m.group(2).isEmpty()) {
          end = Math.min(end, Long.parseLong(m.group(2)));
        }
      }
      if (start >= size || start > end) {
        headers.set("Content-Range", "bytes */" + size);
        return send(exchange, 416, -1);
      }
      status = 206;
      headers.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
    }
    long length = end - start + 1;
    if (method.equals("HEAD")) {
      headers.set("Content-Length", String.valueOf(length));
      return send(exchange, status, -1);
    }
    exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
    try (FileChannel channel = FileChannel.open(file);
        InputStream in = Channels.newInputStream(channel.position(start));
        OutputStream out = exchange.getResponseBody()) {
      long left = length;
      byte[] buffer = new byte[64 * 1024];
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
    return status;
  }

  private static int send(HttpExchange exchange, int status, long length) throws IOException {
    exchange.sendResponseHeaders(status, length);
    return status;
  }

  static String contentType(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".m3u8")) {
      return "application/vnd.apple.mpegurl";
    } else if (name.endsWith(".mpd")) {
      return "application/dash+xml";
    } else if (name.endsWith(".ts")) {
      return "video/mp2t";
    } else if (name.endsWith(".m4s") || name.endsWith(".cmfv") || name.endsWith(".cmfa")) {
      return "video/iso.segment";
    } else if (name.endsWith(".mp4")) {
      return "video/mp4";
    } else if (name.endsWith(".vtt")) {
      return "text/vtt";
    } else if (name.equals("manifest") || name.endsWith(".xml") || name.endsWith(".smil")) {
      return "text/xml";
    } else if (name.startsWith("fragments(")) {
      return "video/mp4";
    }
    return "application/octet-stream";
  }
}
