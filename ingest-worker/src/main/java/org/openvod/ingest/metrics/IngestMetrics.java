package org.openvod.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's meters (Prometheus names in brackets): jobs in flight
 * (openvod_ingest_jobs_in_flight), jobs by outcome (openvod_ingest_jobs_total), time per stage
 * (openvod_ingest_stage_seconds), source bytes read and output bytes written
 * (openvod_ingest_source_read_bytes_total, openvod_ingest_output_written_bytes_total), failures by
 * reason (openvod_ingest_failures_total), retries and dead letters. Consumer lag comes from the
 * Kafka client's own metrics (kafka_consumer_fetch_manager_records_lag_max).
 */
public final class IngestMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter bytesRead;
  private final Counter bytesWritten;
  private final Counter retries;
  private final Counter deadLetters;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("openvod.ingest.jobs.in.flight", inFlight);
    this.bytesRead =
        Counter.builder("openvod.ingest.source.read").baseUnit("bytes").register(registry);
    this.bytesWritten =
        Counter.builder("openvod.ingest.output.written").baseUnit("bytes").register(registry);
    this.retries = registry.counter("openvod.ingest.retries");
    this.deadLetters = registry.counter("openvod.ingest.dead.letters");
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void jobStarted() {
    inFlight.incrementAndGet();
  }

  public void jobEnded(String outcome) {
    inFlight.decrementAndGet();
    registry.counter("openvod.ingest.jobs", "outcome", outcome).increment();
  }

  public int jobsInFlight() {
    return inFlight.get();
  }

  public void sourceBytesRead(long n) {
    bytesRead.increment(n);
  }

  public void outputBytesWritten(long n) {
    bytesWritten.increment(n);
  }

  public void retried() {
    retries.increment();
  }

  public void deadLettered() {
    deadLetters.increment();
  }

  /** One failure, by a reason operators can alert on (a PackagingException reason, ...). */
  public void failed(String reason) {
    registry.counter("openvod.ingest.failures", "reason", reason).increment();
  }

  public <T> T timeStage(String stage, Callable<T> work) throws Exception {
    Timer.Sample sample = Timer.start(registry);
    try {
      return work.call();
    } finally {
      sample.stop(registry.timer("openvod.ingest.stage", "stage", stage));
    }
  }
}
