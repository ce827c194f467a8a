package org.openvod.engine.pipeline;

import java.util.ArrayDeque;
import org.openvod.engine.media.AdMarker;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;

/**
 * Runs one output's chain (segmenter, encryptor, muxer, manifest writers) on its own thread, so the
 * outputs of a group are muxed side by side while the demuxer reads on. The chain still sees every
 * event in the order the demuxer sent it, from one thread, so its output does not change.
 *
 * <p>Memory stays bounded: the demuxer blocks once {@link #MAX_QUEUED_BYTES} of sample data (or
 * {@link #MAX_QUEUED_EVENTS} events) wait for this chain, so a slow output slows the pass instead
 * of buffering the source.
 *
 * <p>A failure of the chain is reported to the demuxer's thread at its next call (and at {@link
 * #onEnd}), where {@link FanOut} marks the output failed; events after it are dropped.
 */
public final class AsyncBranch implements MediaHandler, AutoCloseable {

  static final long MAX_QUEUED_BYTES = 16L << 20;
  static final int MAX_QUEUED_EVENTS = 4096;

  @FunctionalInterface
  private interface Event {
    void deliver(MediaHandler handler) throws Exception;
  }

  private record Queued(Event event, long bytes) {}

  private static final Queued END = new Queued(null, 0);

  private final MediaHandler chain;
  private final Thread thread;
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean closed;
  private boolean finished;
  private Exception failure;

  public AsyncBranch(String name, MediaHandler chain) {
    this.chain = chain;
    this.thread = new Thread(this::drain, "output-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void onStreamInfo(StreamInfo info) throws Exception {
    enqueue(h -> h.onStreamInfo(info), 0);
  }

  @Override
  public void onSample(Sample sample) throws Exception {
    enqueue(h -> h.onSample(sample), sample.data().length);
  }

  @Override
  public void onSegmentEnd(int trackId, int index, long startTime, long duration) throws Exception {
    enqueue(h -> h.onSegmentEnd(trackId, index, startTime, duration), 0);
  }

  @Override
  public void onAdMarker(AdMarker marker) throws Exception {
    enqueue(h -> h.onAdMarker(marker), 0);
  }

  /** Waits until the chain has handled every event, including its own {@code onEnd}. */
  @Override
  public void onEnd() throws Exception {
    enqueue(h -> h.onEnd(), 0);
    synchronized (this) {
      queue.addLast(END);
      notifyAll();
      while (!finished && failure == null) {
        wait();
      }
      rethrow();
    }
  }

  /** Stops the thread without waiting for queued events (the pass was abandoned). */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      queue.clear();
      notifyAll();
    }
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void enqueue(Event event, long bytes) throws Exception {
    rethrow();
    while (!closed
        && failure == null
        && !queue.isEmpty()
        && (queuedBytes + bytes > MAX_QUEUED_BYTES || queue.size() >= MAX_QUEUED_EVENTS)) {
      wait();
    }
    rethrow();
    if (closed) {
      throw new IllegalStateException("output stopped");
    }
    queue.addLast(new Queued(event, bytes));
    queuedBytes += bytes;
    notifyAll();
  }

  private void rethrow() throws Exception {
    if (failure != null) {
      throw failure;
    }
  }

  private void drain() {
    try {
      while (true) {
        Queued next;
        synchronized (this) {
          while (queue.isEmpty() && !closed) {
            wait();
          }
          if (closed) {
            return;
          }
          next = queue.pollFirst();
          queuedBytes -= next.bytes();
          notifyAll();
        }
        if (next == END) {
          synchronized (this) {
            finished = true;
            notifyAll();
          }
          return;
        }
        next.event().deliver(chain);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      // an Error too: the demuxer's thread must hear of it, or onEnd would wait forever
      synchronized (this) {
        failure = e instanceof Exception ex ? ex : new IllegalStateException(e.toString(), e);
        queue.clear();
        queuedBytes = 0;
        notifyAll();
      }
    }
  }
}
