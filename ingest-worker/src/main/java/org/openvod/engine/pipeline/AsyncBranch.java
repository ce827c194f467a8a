package org.openvod.engine.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
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
 * of buffering the source. Events cross in batches ({@link #BATCH_EVENTS} events or {@link
 * #BATCH_BYTES} of samples, whichever comes first), and the queue and the byte budget wake the
 * other side only when it waits: a hand-over per sample would cost more than muxing it.
 *
 * <p>A failure of the chain is reported to the demuxer's thread at its next call (and at {@link
 * #onEnd}), where {@link FanOut} marks the output failed; events after it are dropped.
 */
public final class AsyncBranch implements MediaHandler, AutoCloseable {

  static final int MAX_QUEUED_BYTES = 16 << 20;
  static final int MAX_QUEUED_EVENTS = 4096;
  static final int BATCH_EVENTS = 64;
  static final int BATCH_BYTES = 1 << 20;

  @FunctionalInterface
  private interface Event {
    void deliver(MediaHandler handler) throws Exception;
  }

  /** Events in the order sent, and the bytes of the budget they hold until delivered. */
  private record Queued(List<Event> events, int bytes) {}

  private static final Queued END = new Queued(null, 0);

  private final MediaHandler chain;
  private final Thread thread;
  private final BlockingQueue<Queued> queue =
      new LinkedBlockingQueue<>(MAX_QUEUED_EVENTS / BATCH_EVENTS);
  private final Semaphore budget = new Semaphore(MAX_QUEUED_BYTES);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean closed;
  private volatile Exception failure;
  // the batch being filled, touched by the sending thread only
  private List<Event> batch = new ArrayList<>(BATCH_EVENTS);
  private int batchBytes;

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
    send();
    rethrow();
    queue.put(END);
    finished.await();
    rethrow();
  }

  /** Stops the thread without waiting for queued events (the pass was abandoned). */
  @Override
  public void close() {
    closed = true;
    queue.clear();
    budget.release(MAX_QUEUED_BYTES); // a demuxer waiting for budget goes on, and sees closed
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void enqueue(Event event, int bytes) throws Exception {
    rethrow();
    if (closed) {
      throw new IllegalStateException("output stopped");
    }
    batch.add(event);
    batchBytes = (int) Math.min((long) batchBytes + bytes, MAX_QUEUED_BYTES);
    if (batch.size() >= BATCH_EVENTS || batchBytes >= BATCH_BYTES) {
      send();
    }
  }

  /** Hands the batch to the chain's thread, once the budget has room for its bytes. */
  private void send() throws Exception {
    if (batch.isEmpty()) {
      return;
    }
    // a batch larger than the whole budget takes all of it, so it waits for an empty queue
    int held = batchBytes;
    budget.acquire(held);
    rethrow();
    if (closed) {
      throw new IllegalStateException("output stopped");
    }
    queue.put(new Queued(batch, held));
    batch = new ArrayList<>(BATCH_EVENTS);
    batchBytes = 0;
  }

  private void rethrow() throws Exception {
    Exception e = failure;
    if (e != null) {
      throw e;
    }
  }

  private void drain() {
    try {
      while (!closed) {
        Queued next = queue.take();
        if (next == END) {
          return;
        }
        if (closed) {
          return;
        }
        for (Event event : next.events()) {
          if (closed) {
            return;
          }
          event.deliver(chain);
        }
        budget.release(next.bytes());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      // an Error too: the demuxer's thread must hear of it, or onEnd would wait forever
      failure = e instanceof Exception ex ? ex : new IllegalStateException(e.toString(), e);
      queue.clear(); // a demuxer blocked on a full queue goes on, and sees the failure
      budget.release(MAX_QUEUED_BYTES);
    } finally {
      finished.countDown();
    }
  }
}
