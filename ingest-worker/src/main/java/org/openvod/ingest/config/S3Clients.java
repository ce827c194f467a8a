package org.openvod.ingest.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 clients for the configured endpoint, one per credentials pair (the default one and one per
 * source role). Every client retries transient failures (5xx, 429, timeouts, resets) with
 * exponential backoff and full jitter; the retry circuit breaker is off because a job-level retry
 * sits above it and a burst of errors must not turn into instant failures.
 */
public final class S3Clients implements AutoCloseable {

  private final URI endpoint;
  private final Region region;
  private final int maxAttempts;
  private final Duration attemptTimeout;
  private final Map<String, S3Client> clients = new ConcurrentHashMap<>();

  public S3Clients(WorkerProperties.S3 s3, String region) {
    this.endpoint = URI.create(s3.endpoint());
    this.region = Region.of(region);
    this.maxAttempts = Math.max(1, s3.maxAttempts());
    this.attemptTimeout = s3.attemptTimeout();
  }

  public S3Client client(String accessKeyId, String secretAccessKey) {
    return clients.computeIfAbsent(
        accessKeyId + '\n' + secretAccessKey, k -> build(accessKeyId, secretAccessKey));
  }

  private S3Client build(String accessKeyId, String secretAccessKey) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(region)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .overrideConfiguration(
            o ->
                o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(maxAttempts)
                            .circuitBreakerEnabled(false)
                            .backoffStrategy(
                                BackoffStrategy.exponentialDelay(
                                    Duration.ofMillis(50), Duration.ofSeconds(5)))
                            .throttlingBackoffStrategy(
                                BackoffStrategy.exponentialDelay(
                                    Duration.ofMillis(200), Duration.ofSeconds(10)))
                            .build())
                    .apiCallAttemptTimeout(attemptTimeout))
        .build();
  }

  @Override
  public void close() {
    clients.values().forEach(S3Client::close);
    clients.clear();
  }
}
