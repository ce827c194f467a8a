package org.openvod.ingest.notify;

import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.openvod.events.Json;
import org.openvod.events.model.Notification;

/**
 * Sends notifications to the notifications topic, keyed by asset id so one asset's notifications
 * stay in order. The producer is idempotent with acks=all: a retried send neither duplicates nor
 * reorders.
 */
public final class NotificationPublisher {

  private final Producer<String, String> producer;
  private final String topic;

  public NotificationPublisher(Producer<String, String> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** Sends; the future completes when Kafka has acknowledged the record. */
  public Future<RecordMetadata> publish(String assetId, Notification notification) {
    return producer.send(new ProducerRecord<>(topic, assetId, Json.writeString(notification)));
  }
}
