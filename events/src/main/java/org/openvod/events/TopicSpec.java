package org.openvod.events;

import java.util.Map;

/**
 * One Kafka topic of the platform: its name, what its key and value are, and how it is retained.
 *
 * @param name the topic name before the deployment prefix is applied
 * @param key what the record key is
 * @param valueType the Java type of the record value
 * @param partitions partition count at creation
 * @param cleanupPolicy {@code compact} or {@code delete}
 * @param retentionMs retention for {@code delete} topics, -1 for forever
 */
public record TopicSpec(
    String name,
    String key,
    Class<?> valueType,
    int partitions,
    String cleanupPolicy,
    long retentionMs) {

  /** The topic name as deployed, with the configurable prefix (empty prefix = plain name). */
  public String name(String prefix) {
    return prefix == null || prefix.isEmpty() ? name : prefix + name;
  }

  /** Topic-level configuration used when the topic is created. */
  public Map<String, String> config() {
    return Map.of("cleanup.policy", cleanupPolicy, "retention.ms", Long.toString(retentionMs));
  }
}
