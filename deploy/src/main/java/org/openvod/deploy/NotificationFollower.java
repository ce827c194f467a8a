package org.openvod.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.openvod.events.Json;
import org.openvod.events.Topics;
import org.openvod.events.model.Notification;

/**
 * Reads the notifications topic from "now" on, one asset's records at a time. Open it before
 * creating the asset so no event can slip by in between.
 */
public final class NotificationFollower implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;

  public NotificationFollower(String bootstrapServers, String topicPrefix) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(p);
    String topic = Topics.NOTIFICATIONS.name(topicPrefix);
    List<org.apache.kafka.common.PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    } catch (org.apache.kafka.common.KafkaException e) {
      consumer.close(Duration.ofSeconds(1));
      throw new LaunchException(
          "cannot read "
              + topic
              + " from Kafka at "
              + bootstrapServers
              + " ("
              + e.getMessage()
              + "); run with the same VOD_* variables as ./vod up",
          e);
    }
    if (infos == null || infos.isEmpty()) {
      consumer.close();
      throw new LaunchException("Kafka at " + bootstrapServers + " has no topic " + topic);
    }
    List<TopicPartition> partitions = new ArrayList<>();
    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // pin "now" before the caller acts
  }

  /** The asset's notifications that arrived within {@code wait}, in order. */
  public List<Notification> poll(String assetId, Duration wait) {
    List<Notification> found = new ArrayList<>();
    for (ConsumerRecord<String, String> record : consumer.poll(wait)) {
      if (assetId.equals(record.key())) {
        try {
          found.add(Json.read(record.value(), Notification.class));
        } catch (RuntimeException e) {
          // not ours to judge here: a malformed record is skipped, the rest still counts
        }
      }
    }
    return found;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
