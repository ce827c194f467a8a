package org.openvod.ingest.job;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.openvod.ingest.metrics.IngestMetrics;

/**
 * Job-level retry above the SDK's per-request retry: a stage that failed transiently is run again
 * after an exponential delay with jitter (half fixed, half random), so workers that failed together
 * do not retry together.
 */
public final class RetryPolicy {

  /** One stage of a job. */
  @FunctionalInterface
  public interface Stage<T> {
    T run() throws Exception;
  }

  private final int maxAttempts;
  private final Duration initial;
  private final Duration max;
  private final IngestMetrics metrics;

  public RetryPolicy(int maxAttempts, Duration initial, Duration max, IngestMetrics metrics) {
    this.maxAttempts = Math.max(1, maxAttempts);
    this.initial = initial;
    this.max = max;
    this.metrics = metrics;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public <T> T run(Stage<T> stage, JobControl control) throws Exception {
    for (int attempt = 1; ; attempt++) {
      control.check();
      try {
        return stage.run();
      } catch (JobStoppedException e) {
        throw e;
      } catch (Exception e) {
        if (attempt >= maxAttempts || !Failures.isTransient(e) || control.isStopped()) {
          throw e;
        }
        metrics.retried();
        sleep(delay(attempt), control);
      }
    }
  }

  /** The delay before attempt {@code attempt + 1}. */
  public Duration delay(int attempt) {
    long base = initial.toMillis() << Math.min(20, attempt - 1);
    long capped = Math.min(max.toMillis(), base);
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  /** Sleeps in short steps so a stopped job wakes up at once. */
  static void sleep(Duration delay, JobControl control) throws InterruptedException {
    long until = System.nanoTime() + delay.toNanos();
    while (System.nanoTime() < until) {
      control.check();
      Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
    }
  }
}
