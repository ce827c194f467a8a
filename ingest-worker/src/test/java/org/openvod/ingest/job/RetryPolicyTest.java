package org.openvod.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.PackagingException;
import org.openvod.ingest.metrics.IngestMetrics;
import org.openvod.ingest.source.PermanentSourceException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class RetryPolicyTest {

  final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
  final RetryPolicy retry =
      new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), metrics);

  @Test
  void retriesTransientFailuresThenSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String result =
        retry.run(
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new IOException("connection reset");
              }
              return "ok";
            },
            new JobControl());
    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
    assertThat(metrics.registry().counter("openvod.ingest.retries").count()).isEqualTo(2);
  }

  @Test
  void permanentFailuresAndExhaustedAttemptsFailWithTheCause() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                retry.run(
                    () -> {
                      calls.incrementAndGet();
                      throw new PackagingException(
                          PackagingException.Reason.MISSING_SOURCE, "gone");
                    },
                    new JobControl()))
        .hasMessage("gone");
    assertThat(calls).hasValue(1);

    calls.set(0);
    assertThatThrownBy(
            () ->
                retry.run(
                    () -> {
                      calls.incrementAndGet();
                      throw new IOException("timeout");
                    },
                    new JobControl()))
        .hasMessage("timeout");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aStoppedJobStopsRetrying() {
    JobControl control = new JobControl();
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                retry.run(
                    () -> {
                      calls.incrementAndGet();
                      control.stop(JobControl.StopReason.ASSET_DELETED);
                      throw new IOException("timeout");
                    },
                    control))
        .isInstanceOf(IOException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void delaysGrowExponentiallyWithJitterUpToTheCap() {
    for (int i = 0; i < 50; i++) {
      assertThat(retry.delay(1).toMillis()).isBetween(5L, 10L);
      assertThat(retry.delay(2).toMillis()).isBetween(10L, 20L);
      assertThat(retry.delay(10).toMillis()).isBetween(20L, 40L);
    }
  }

  @Test
  void classifiesS3Answers() {
    assertThat(Failures.isTransient(s3(503))).isTrue();
    assertThat(Failures.isTransient(s3(429))).isTrue();
    assertThat(Failures.isTransient(s3(404))).isFalse();
    assertThat(Failures.isTransient(s3(403))).isFalse();
    assertThat(Failures.isTransient(new IOException("wrapped", s3(500)))).isTrue();
    assertThat(Failures.isTransient(new IOException("wrapped", s3(403)))).isFalse();
    assertThat(Failures.isTransient(new PermanentSourceException("gone", s3(404)))).isFalse();
    assertThat(
            Failures.reason(
                new PackagingException(PackagingException.Reason.UNSUPPORTED_CONTENT, "x")))
        .isEqualTo("UNSUPPORTED_CONTENT");
  }

  static S3Exception s3(int status) {
    return (S3Exception)
        S3Exception.builder().statusCode(status).message("status " + status).build();
  }
}
