package org.openvod.origin.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the bytes being gathered for the cache at one time, so a burst of misses on many different
 * large objects cannot exhaust memory: past the budget, objects are streamed instead.
 */
final class InflightBudget {

  private final long limit;
  private final AtomicLong used = new AtomicLong();

  InflightBudget(long limit) {
    this.limit = limit;
  }

  boolean tryAcquire(long bytes) {
    while (true) {
      long current = used.get();
      if (current + bytes > limit) {
        return false;
      }
      if (used.compareAndSet(current, current + bytes)) {
        return true;
      }
    }
  }

  void release(long bytes) {
    used.addAndGet(-bytes);
  }
}
