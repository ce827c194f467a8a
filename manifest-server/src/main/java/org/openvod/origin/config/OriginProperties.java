package org.openvod.origin.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything the origin is configured with, under {@code openvod.*} (defaults and environment
 * variables are in application.yml).
 *
 * @param topicPrefix prefix of every topic name
 * @param region region of the S3 client
 * @param accessKeyId S3 access key
 * @param secretAccessKey S3 secret key
 * @param outputBucket the bucket packaged outputs are read from
 * @param s3 the S3 endpoint and client limits
 * @param secrets where CDN identifier secrets come from
 * @param egressLogs where egress access logs are written
 * @param cache the in-process object cache
 * @param manifestMaxAge Cache-Control max-age of manifests (segments are immutable: one year)
 */
@ConfigurationProperties(prefix = "openvod")
public record OriginProperties(
    @DefaultValue("") String topicPrefix,
    @DefaultValue("us-east-1") String region,
    @DefaultValue("vod-local") String accessKeyId,
    @DefaultValue("vod-local-secret") String secretAccessKey,
    @DefaultValue("vod-output") String outputBucket,
    @DefaultValue S3 s3,
    @DefaultValue Secrets secrets,
    @DefaultValue EgressLogs egressLogs,
    @DefaultValue Cache cache,
    @DefaultValue("60s") Duration manifestMaxAge) {

  /**
   * @param endpoint the S3 endpoint URL
   * @param maxConnections most concurrent connections to S3
   */
  public record S3(
      @DefaultValue("http://127.0.0.1:9000") String endpoint,
      @DefaultValue("128") int maxConnections) {}

  /**
   * @param file JSON file mapping secret ARN to {"MediaPackageCDNIdentifier": "..."}; empty: none
   * @param json the same mapping given inline (OPENVOD_SECRETS_JSON); empty: none
   * @param refreshInterval how often the file is re-read
   */
  public record Secrets(
      @DefaultValue("") String file,
      @DefaultValue("") String json,
      @DefaultValue("2s") Duration refreshInterval) {

    public Path filePath() {
      return file == null || file.isBlank() ? null : Path.of(file);
    }
  }

  /**
   * @param dir directory of the per-log-group JSON-lines files
   */
  public record EgressLogs(@DefaultValue(".vod-data/logs/egress") String dir) {}

  /**
   * @param maxBytes total bytes of cached objects
   * @param maxEntryBytes largest object kept in the cache (larger ones are streamed)
   * @param maxInflightBytes most bytes being gathered for the cache at once
   */
  public record Cache(
      @DefaultValue("256MB") DataSize maxBytes,
      @DefaultValue("16MB") DataSize maxEntryBytes,
      @DefaultValue("128MB") DataSize maxInflightBytes) {}
}
