package org.openvod.ingest.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.openvod.events.Json;
import org.openvod.events.Topics;
import org.openvod.events.model.LifecycleEvent;
import org.openvod.events.model.Notification;
import org.openvod.events.testing.TestKafka;

/** Writes lifecycle records and reads one asset's notifications, for one topic prefix. */
public final class NotificationLog {

  private final String prefix;

  public NotificationLog(String prefix) {
    this.prefix = prefix;
  }

  /** Sends a lifecycle record keyed by asset id; returns where it was stored. */
  public RecordMetadata send(String key, String value) {
    try (KafkaProducer<String, String> producer = TestKafka.producer()) {
      Future<RecordMetadata> f =
          producer.send(new ProducerRecord<>(Topics.ASSET_LIFECYCLE.name(prefix), key, value));
      return f.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public RecordMetadata send(LifecycleEvent event) {
    return send(event.assetId(), Json.writeString(event));
  }

  /** The asset's notifications, once {@code done} holds for them (or after the timeout). */
  public List<Notification> await(
      String assetId, Duration timeout, Predicate<List<Notification>> done) {
    List<ConsumerRecord<String, String>> records =
        TestKafka.readUntil(
            Topics.NOTIFICATIONS.name(prefix), timeout, seen -> done.test(of(seen, assetId)));
    return of(records, assetId);
  }

  /** The asset's notifications once {@code count} of them ended an ingest. */
  public List<Notification> awaitEnds(String assetId, int count) {
    return await(assetId, Duration.ofSeconds(60), n -> ends(n) >= count);
  }

  public static long ends(List<Notification> notifications) {
    return notifications.stream()
        .filter(
            n ->
                Notification.INGEST_COMPLETE.equals(n.event())
                    || Notification.INGEST_ERROR.equals(n.event()))
        .count();
  }

  public static List<String> events(List<Notification> notifications) {
    return notifications.stream()
        .map(Notification::event)
        .filter(e -> !Notification.INGEST_PROGRESS.equals(e))
        .toList();
  }

  private static List<Notification> of(List<ConsumerRecord<String, String>> records, String key) {
    return records.stream()
        .filter(r -> key.equals(r.key()))
        .map(r -> Json.read(r.value(), Notification.class))
        .toList();
  }

  /** Every record of the dead-letter topic so far (or once {@code done} holds). */
  public List<ConsumerRecord<String, String>> deadLetters(
      Duration timeout, Predicate<List<ConsumerRecord<String, String>>> done) {
    return TestKafka.readUntil(Topics.INGEST_DLQ.name(prefix), timeout, done);
  }
}
