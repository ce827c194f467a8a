package org.openvod.origin.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of the test S3 server that writes down the request line of every GET it
 * relays, so tests can count the S3 requests the origin really made on the wire.
 */
public final class CountingProxy {

  private final URI upstream;
  private final ServerSocket server;
  private final List<String> getPaths = new CopyOnWriteArrayList<>();

  private CountingProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "counting-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static CountingProxy start(URI upstream) {
    try {
      return new CountingProxy(upstream);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** How many GETs went upstream whose request target contains the fragment. */
  public long gets(String fragment) {
    return getPaths.stream().filter(p -> p.contains(fragment)).count();
  }

  private void acceptLoop() {
    while (true) {
      try {
        Socket client = server.accept();
        Socket up = new Socket(upstream.getHost(), upstream.getPort());
        client.setTcpNoDelay(true);
        up.setTcpNoDelay(true);
        pump(client, up, true);
        pump(up, client, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean requests) {
    Thread t =
        new Thread(
            () -> {
              StringBuilder line = new StringBuilder();
              byte[] buf = new byte[65536];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                  if (requests) {
                    scan(buf, n, line);
                  }
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException ignored) {
                // connection closed by either side
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "counting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  /** Splits the request stream into lines (origin GETs have no bodies) and keeps GET lines. */
  private void scan(byte[] buf, int n, StringBuilder line) {
    String text = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        String l = line.toString().trim();
        if (l.startsWith("GET ")) {
          getPaths.add(l.substring(4));
        }
        line.setLength(0);
      } else if (line.length() < 8192) {
        line.append(c);
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
