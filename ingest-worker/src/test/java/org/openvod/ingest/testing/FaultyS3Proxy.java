package org.openvod.ingest.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of an S3 server that misbehaves on purpose: it answers a share of requests
 * with 503 SlowDown, resets another share of connections, and can hold writes (PUT) after the first
 * few for a while, so a test knows for sure that a job is in the middle of storing its outputs. It
 * makes every request use its own connection (it forwards them with {@code Connection: close}, a
 * header SigV4 does not sign), so the fault share applies per request.
 */
public final class FaultyS3Proxy implements AutoCloseable {

  private static final byte[] SLOW_DOWN =
      ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
              + "<Message>Please reduce your request rate.</Message></Error>")
          .getBytes(StandardCharsets.UTF_8);

  private final URI upstream;
  private final double failShare;
  private final double resetShare;
  private volatile int holdWritesAfter = -1;
  private volatile long holdMillis;
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger held = new AtomicInteger();
  private final Random random;
  private final ServerSocket server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "faulty-s3-proxy");
            t.setDaemon(true);
            return t;
          });
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger faults = new AtomicInteger();

  public FaultyS3Proxy(URI upstream, double failShare, double resetShare, long seed)
      throws IOException {
    this.upstream = upstream;
    this.failShare = failShare;
    this.resetShare = resetShare;
    this.random = new Random(seed);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  public int requests() {
    return requests.get();
  }

  /** Lets {@code passed} writes through, then holds each later one for {@code millis}. */
  public FaultyS3Proxy holdWritesAfter(int passed, long millis) {
    this.holdMillis = millis;
    this.holdWritesAfter = passed;
    return this;
  }

  /** Writes that were (or are being) held. */
  public int heldWrites() {
    return held.get();
  }

  /** Requests answered with 503 or reset. */
  public int faults() {
    return faults.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> handle(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      byte[] head = readHead(in);
      if (head == null) {
        return;
      }
      requests.incrementAndGet();
      if (isObjectWrite(head)) {
        int write = writes.incrementAndGet();
        if (holdWritesAfter >= 0 && write > holdWritesAfter) {
          held.incrementAndGet();
          Thread.sleep(holdMillis);
        }
      }
      double dice;
      synchronized (random) {
        dice = random.nextDouble();
      }
      if (dice < failShare) {
        faults.incrementAndGet();
        OutputStream out = client.getOutputStream();
        out.write(
            ("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
                    + SLOW_DOWN.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(SLOW_DOWN);
        out.flush();
        return;
      }
      if (dice < failShare + resetShare) {
        faults.incrementAndGet();
        client.setSoLinger(true, 0); // close sends RST: a connection reset
        return;
      }
      try (Socket up = new Socket(upstream.getHost(), upstream.getPort())) {
        OutputStream toUp = up.getOutputStream();
        toUp.write(withConnectionClose(head));
        toUp.flush();
        threads.execute(() -> copy(in, toUp));
        up.getInputStream().transferTo(client.getOutputStream());
      }
    } catch (IOException | InterruptedException e) {
      // the client or the server went away: nothing to clean up beyond the sockets
    }
  }

  /** A PUT of an object (path-style /bucket/key), not of a bucket. */
  private static boolean isObjectWrite(byte[] head) {
    String line = new String(head, 0, Math.min(head.length, 2048), StandardCharsets.ISO_8859_1);
    if (!line.startsWith("PUT /")) {
      return false;
    }
    String path = line.substring(4, line.indexOf(' ', 4));
    int query = path.indexOf('?');
    path = query < 0 ? path : path.substring(0, query);
    return path.indexOf('/', 1) > 0 && path.indexOf('/', 1) < path.length() - 1;
  }

  private static void copy(InputStream in, OutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      // one side closed
    }
  }

  /** The request line and headers, up to and including the blank line; null at EOF. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > 65536) {
        throw new IOException("request head too long");
      }
    }
    return head.toByteArray();
  }

  private static byte[] withConnectionClose(byte[] head) {
    String text = new String(head, StandardCharsets.ISO_8859_1);
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\r\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String lower = line.toLowerCase();
      if (lower.startsWith("connection:") || lower.startsWith("keep-alive:")) {
        continue;
      }
      out.append(line).append("\r\n");
    }
    out.append("Connection: close\r\n\r\n");
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
