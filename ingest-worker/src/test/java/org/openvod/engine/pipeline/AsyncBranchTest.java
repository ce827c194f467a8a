package org.openvod.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;

/** One output chain on its own thread: order kept, failures reported, memory bounded. */
class AsyncBranchTest {

  /** Records what reaches the chain and on which thread. */
  private static class Recording implements MediaHandler {
    final List<String> events = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    @Override
    public void onStreamInfo(StreamInfo info) {
      record("info " + info.trackId());
    }

    @Override
    public void onSample(Sample sample) throws Exception {
      record("sample " + sample.dts());
    }

    @Override
    public void onSegmentEnd(int trackId, int index, long startTime, long duration) {
      record("segment " + index);
    }

    @Override
    public void onEnd() {
      record("end");
    }

    private void record(String event) {
      events.add(event);
      threads.add(Thread.currentThread());
    }
  }

  private static Sample sample(long dts, int bytes) {
    return new Sample(1, dts, dts, 1, true, new byte[bytes]);
  }

  @Test
  void theChainSeesEveryEventInOrderOnOneOtherThread() throws Exception {
    Recording chain = new Recording();
    List<String> sent = new ArrayList<>();
    try (AsyncBranch branch = new AsyncBranch("t", chain)) {
      for (int i = 0; i < 10_000; i++) {
        branch.onSample(sample(i, 10));
        sent.add("sample " + i);
        if (i % 100 == 99) {
          branch.onSegmentEnd(1, i / 100, 0, 100);
          sent.add("segment " + i / 100);
        }
      }
      branch.onEnd();
      sent.add("end");
    }
    assertEquals(sent, chain.events);
    assertEquals(1, chain.threads.stream().distinct().count());
    assertNotEquals(Thread.currentThread(), chain.threads.get(0));
  }

  @Test
  void aFailureOfTheChainReachesTheCallerAndLaterEventsAreDropped() throws Exception {
    AtomicInteger delivered = new AtomicInteger();
    MediaHandler failing =
        new Recording() {
          @Override
          public void onSample(Sample sample) {
            if (delivered.incrementAndGet() == 3) {
              throw new IllegalStateException("disk full at sample 3");
            }
          }
        };
    try (AsyncBranch branch = new AsyncBranch("t", failing)) {
      Exception e =
          assertThrows(
              IllegalStateException.class,
              () -> {
                for (int i = 0; i < 1_000_000; i++) {
                  branch.onSample(sample(i, 1));
                }
                branch.onEnd();
              });
      assertEquals("disk full at sample 3", e.getMessage());
      assertThrows(IllegalStateException.class, branch::onEnd);
    }
    assertEquals(3, delivered.get());
  }

  @Test
  void anErrorOfTheChainEndsTheWaitInsteadOfHangingIt() throws Exception {
    MediaHandler erring =
        new Recording() {
          @Override
          public void onEnd() {
            throw new AssertionError("broken invariant");
          }
        };
    try (AsyncBranch branch = new AsyncBranch("t", erring)) {
      branch.onSample(sample(0, 1));
      Exception e = assertThrows(IllegalStateException.class, branch::onEnd);
      assertTrue(e.getMessage().contains("broken invariant"), e.getMessage());
    }
  }

  @Test
  void theCallerWaitsOnceTheQueuedSamplesHoldTheByteBound() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    MediaHandler stuck =
        new Recording() {
          @Override
          public void onSample(Sample sample) throws Exception {
            release.await();
          }
        };
    int sampleBytes = 1 << 20;
    AtomicInteger accepted = new AtomicInteger();
    try (AsyncBranch branch = new AsyncBranch("t", stuck)) {
      Thread producer =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 100; i++) {
                    branch.onSample(sample(i, sampleBytes));
                    accepted.incrementAndGet();
                  }
                  branch.onEnd();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      producer.start();
      long bound = (long) AsyncBranch.MAX_QUEUED_BYTES / sampleBytes;
      // the chain holds one sample, the queue at most the bound: the producer must stop there
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (accepted.get() < bound && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(300);
      assertTrue(
          accepted.get() >= bound && accepted.get() <= bound + 1,
          "accepted "
              + accepted.get()
              + " samples of "
              + sampleBytes
              + " B with a bound of "
              + bound);
      assertTrue(producer.isAlive(), "the producer is blocked, not finished");
      release.countDown();
      producer.join(10_000);
      assertEquals(100, accepted.get());
    }
  }
}
