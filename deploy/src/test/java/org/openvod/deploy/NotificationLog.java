package org.openvod.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.openvod.events.Json;
import org.openvod.events.Topics;
import org.openvod.events.model.Notification;

/**
 * Every notification of every asset from "now" on, kept as delivered (duplicates included), so a
 * test can look at several assets at once and count redeliveries. Keeps reading across a broker
 * restart: the consumer reconnects by itself and resumes from its own positions.
 */
final class NotificationLog implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;
  private final Map<String, List<Notification>> byAsset = new LinkedHashMap<>();

  NotificationLog(Settings settings) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(p);
    String topic = Topics.NOTIFICATIONS.name(settings.topicPrefix());
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(topic, Duration.ofSeconds(30))
        .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // pin "now" before the caller acts
  }

  /** Reads for up to {@code wait}. */
  void poll(Duration wait) {
    for (ConsumerRecord<String, String> record : consumer.poll(wait)) {
      byAsset
          .computeIfAbsent(record.key(), k -> new ArrayList<>())
          .add(Json.read(record.value(), Notification.class));
    }
  }

  /** Polls until {@code done} holds; false when {@code timeout} passed first. */
  boolean pollUntil(BooleanSupplier done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      poll(Duration.ofMillis(200));
    }
    return true;
  }

  /** The asset's notifications as delivered, duplicates included. */
  List<Notification> all(String assetId) {
    return List.copyOf(byAsset.getOrDefault(assetId, List.of()));
  }

  /** The asset's notifications with redeliveries (same id) dropped, first delivery kept. */
  List<Notification> distinct(String assetId) {
    Map<String, Notification> byId = new LinkedHashMap<>();
    for (Notification n : all(assetId)) {
      byId.putIfAbsent(n.id(), n);
    }
    return List.copyOf(byId.values());
  }

  /** Distinct notifications of one event type. */
  List<Notification> distinct(String assetId, String event) {
    return distinct(assetId).stream().filter(n -> event.equals(n.event())).toList();
  }

  /** Highest IngestProgress percent seen for the asset, 0 if none. */
  int percent(String assetId) {
    return all(assetId).stream()
        .filter(n -> Notification.INGEST_PROGRESS.equals(n.event()))
        .map(n -> n.detail().percentComplete())
        .filter(java.util.Objects::nonNull)
        .max(Integer::compare)
        .orElse(0);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
