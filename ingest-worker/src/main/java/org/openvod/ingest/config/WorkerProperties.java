package org.openvod.ingest.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the worker is configured with ({@code openvod.*}; README.md lists the environment
 * variables that set them).
 *
 * @param topicPrefix prefix of every topic name, and of the consumer group id, so deployments
 *     sharing one cluster never see each other
 * @param accessKeyId default credentials for the output bucket, and for sources when no roles are
 *     configured
 * @param outputBucket where packaged outputs go
 */
@ConfigurationProperties("openvod")
public record WorkerProperties(
    @DefaultValue("") String topicPrefix,
    @DefaultValue S3 s3,
    @DefaultValue("vod-local") String accessKeyId,
    @DefaultValue("vod-local-secret") String secretAccessKey,
    @DefaultValue("us-east-1") String region,
    @DefaultValue("000000000000") String account,
    @DefaultValue("vod-output") String outputBucket,
    @DefaultValue Sources sources,
    @DefaultValue Jobs jobs,
    @DefaultValue Speke speke) {

  /** The consumer group of the lifecycle topic: one asset is one worker's at a time. */
  public static final String CONSUMER_GROUP = "ingest-worker";

  public String consumerGroup() {
    return (topicPrefix == null ? "" : topicPrefix) + CONSUMER_GROUP;
  }

  /**
   * @param endpoint S3 API endpoint (path-style addressing)
   * @param maxAttempts attempts per S3 request by the SDK's standard retry (exponential backoff
   *     with jitter) before a job-level retry takes over
   * @param attemptTimeout one HTTP attempt's time limit
   */
  public record S3(
      @DefaultValue("http://127.0.0.1:9000") String endpoint,
      @DefaultValue("8") int maxAttempts,
      @DefaultValue("30s") Duration attemptTimeout) {}

  /**
   * @param buckets the allow-list of source buckets
   * @param roles source role ARN to {@code accessKeyId:secretAccessKey}; when empty, every role
   *     uses the default credentials (local mode)
   */
  public record Sources(
      @DefaultValue("vod-sources") List<String> buckets, Map<String, String> roles) {

    public Map<String, String> rolesOrEmpty() {
      return roles == null ? Map.of() : roles;
    }
  }

  /**
   * @param concurrency jobs packaging at the same time in this worker (one per partition at most)
   * @param maxAttempts attempts of a job stage that failed for a transient reason
   * @param initialBackoff first job-level retry delay, doubled per attempt, with jitter
   * @param maxPendingPerPartition records fetched ahead of a busy partition before it is paused
   * @param progressStepPercent IngestProgress is published at most every this many percent
   */
  public record Jobs(
      @DefaultValue("2") int concurrency,
      @DefaultValue("4") int maxAttempts,
      @DefaultValue("500ms") Duration initialBackoff,
      @DefaultValue("10s") Duration maxBackoff,
      @DefaultValue("50") int maxPendingPerPartition,
      @DefaultValue("5") int progressStepPercent) {}

  /**
   * How the worker calls SPEKE key servers.
   *
   * @param credentials JSON: role ARN -> {headerName, headerValue} or {username, password} sent to
   *     the key server of a SpekeKeyProvider with that roleArn ("*" for every other role); empty =
   *     no credentials
   * @param trustedCertificates a PEM file of certificates to trust besides the JDK's CAs (the
   *     built-in key server's self-signed one); empty = the JDK's only
   * @param maxAttempts attempts per key request (5xx, 429, timeouts and I/O errors are retried)
   * @param firstBackoff delay before the second attempt, doubled for each further one
   * @param requestTimeout one attempt's time limit
   */
  public record Speke(
      @DefaultValue("") String credentials,
      @DefaultValue("") String trustedCertificates,
      @DefaultValue("4") int maxAttempts,
      @DefaultValue("500ms") Duration firstBackoff,
      @DefaultValue("10s") Duration requestTimeout) {}
}
