package org.openvod.origin.egress;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openvod.events.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends egress access log records as JSON lines, one file per log group ({@code {dir}/{sanitized
 * log group name}.log}). Request threads only enqueue; one writer thread does the file I/O and
 * flushes after each batch, so logging never blocks an event loop. When the queue is full (disk
 * slower than traffic) records are dropped and counted rather than slowing playback.
 */
public final class EgressLogWriter implements AutoCloseable {

  public static final String DEFAULT_LOG_GROUP = "/aws/MediaPackage/EgressAccessLogs";

  private static final Logger LOG = LoggerFactory.getLogger(EgressLogWriter.class);

  private record Entry(String logGroup, EgressLogRecord record) {}

  private final Path dir;
  private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(65_536);
  private final Map<String, BufferedWriter> writers = new HashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  public EgressLogWriter(Path dir) {
    this.dir = dir;
    this.thread = new Thread(this::drain, "egress-log-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a record for a log group (null or empty: the default group). */
  public void log(String logGroupName, EgressLogRecord record) {
    String group =
        logGroupName == null || logGroupName.isEmpty() ? DEFAULT_LOG_GROUP : logGroupName;
    if (!queue.offer(new Entry(group, record))) {
      dropped.incrementAndGet();
    }
  }

  public long dropped() {
    return dropped.get();
  }

  /** The file a log group's lines go to. */
  public Path fileOf(String logGroupName) {
    return dir.resolve(
        fileName(
            logGroupName == null || logGroupName.isEmpty() ? DEFAULT_LOG_GROUP : logGroupName));
  }

  /**
   * A safe file name for a log group: '/' becomes '_', anything outside [A-Za-z0-9._#-] becomes
   * '_', and no name can be "." or ".." or start with a dot.
   */
  static String fileName(String logGroupName) {
    StringBuilder b = new StringBuilder();
    String name = logGroupName.startsWith("/") ? logGroupName.substring(1) : logGroupName;
    for (int i = 0; i < name.length() && b.length() < 200; i++) {
      char c = name.charAt(i);
      boolean safe =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '#'
              || c == '.';
      b.append(safe ? c : '_');
    }
    if (b.length() == 0 || b.charAt(0) == '.') {
      b.insert(0, '_');
    }
    return b + ".log";
  }

  private void drain() {
    List<Entry> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, 4096);
        write(batch);
      } catch (InterruptedException e) {
        running = false;
      } finally {
        batch.clear();
      }
    }
    closeWriters();
  }

  private void write(List<Entry> batch) {
    List<BufferedWriter> touched = new ArrayList<>();
    for (Entry e : batch) {
      try {
        BufferedWriter w = writers.get(e.logGroup());
        if (w == null) {
          Files.createDirectories(dir);
          w =
              Files.newBufferedWriter(
                  fileOf(e.logGroup()),
                  StandardCharsets.UTF_8,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.APPEND);
          writers.put(e.logGroup(), w);
        }
        w.write(Json.writeString(e.record()));
        w.write('\n');
        if (!touched.contains(w)) {
          touched.add(w);
        }
      } catch (IOException | RuntimeException ex) {
        dropped.incrementAndGet();
        LOG.warn("cannot write egress access log for {}: {}", e.logGroup(), ex.toString());
      }
    }
    for (BufferedWriter w : touched) {
      try {
        w.flush();
      } catch (IOException ex) {
        LOG.warn("cannot flush egress access log: {}", ex.toString());
      }
    }
  }

  private void closeWriters() {
    for (BufferedWriter w : writers.values()) {
      try {
        w.close();
      } catch (IOException ignored) {
        // closing at shutdown; nothing more to do
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
