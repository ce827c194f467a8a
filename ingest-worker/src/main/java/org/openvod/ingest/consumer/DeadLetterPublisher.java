package org.openvod.ingest.consumer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.openvod.events.Json;
import org.openvod.events.model.DeadLetter;

/** Parks a lifecycle record that cannot be processed at all on the dead-letter topic, with why. */
public final class DeadLetterPublisher {

  private final Producer<String, String> producer;
  private final String topic;

  public DeadLetterPublisher(Producer<String, String> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  public Future<RecordMetadata> publish(ConsumerRecord<String, String> record, String cause) {
    DeadLetter letter =
        new DeadLetter(
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            record.value(),
            cause,
            Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    return producer.send(new ProducerRecord<>(topic, record.key(), Json.writeString(letter)));
  }
}
