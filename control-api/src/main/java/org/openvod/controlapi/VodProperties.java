package org.openvod.controlapi;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code openvod.*} setting the control API reads. Defaults live here and in application.yml
 * (which maps the VOD_* environment variables onto them).
 *
 * @param region region used in ARNs
 * @param account account id used in ARNs
 * @param publicBaseUrl the origin's base URL, returned as every group's domainName
 * @param accessKeyId the one SigV4 access key id the API accepts
 * @param secretAccessKey its secret
 * @param topicPrefix prefix of every topic name (and of consumer group / transactional ids)
 * @param topicReplication replication factor used when topics are created
 * @param quotas resource quotas (429 when exceeded)
 * @param api HTTP-level limits
 */
@ConfigurationProperties("openvod")
public record VodProperties(
    @DefaultValue("us-east-1") String region,
    @DefaultValue("000000000000") String account,
    @DefaultValue("http://127.0.0.1:8081") String publicBaseUrl,
    @DefaultValue("vod-local") String accessKeyId,
    @DefaultValue("vod-local-secret") String secretAccessKey,
    @DefaultValue("") String topicPrefix,
    @DefaultValue("1") short topicReplication,
    @DefaultValue Quotas quotas,
    @DefaultValue Api api) {

  /**
   * @param packagingGroups packaging groups per account and region
   * @param configurationsPerGroup packaging configurations per group
   * @param assetsPerGroup assets per group
   */
  public record Quotas(
      @DefaultValue("10") int packagingGroups,
      @DefaultValue("10") int configurationsPerGroup,
      @DefaultValue("10000") int assetsPerGroup) {}

  /**
   * @param maxBodyBytes larger request bodies are rejected with 422
   * @param defaultPageSize page size of List* calls without maxResults
   * @param writeTimeout how long a write waits for its decision before answering 503
   * @param clockSkew how far a request's X-Amz-Date may be from our clock
   */
  public record Api(
      @DefaultValue("1048576") int maxBodyBytes,
      @DefaultValue("100") int defaultPageSize,
      @DefaultValue("30s") Duration writeTimeout,
      @DefaultValue("15m") Duration clockSkew) {}

  public String topicPrefixOrEmpty() {
    return topicPrefix == null ? "" : topicPrefix;
  }
}
