package org.openvod.controlapi.kafka;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.openvod.controlapi.command.Command.FoldNotification;
import org.openvod.controlapi.command.LogEntry.Submitted;
import org.openvod.controlapi.decide.StatusFolding;
import org.openvod.events.Json;
import org.openvod.events.Topics;
import org.openvod.events.model.Notification;
import org.openvod.events.model.NotificationDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the notifications that can change an egress status into commands, so status changes are
 * decided in the same log order as every API write. The instances share the notification partitions
 * through a consumer group; delivery is at-least-once, which is safe because folding is idempotent.
 */
public final class NotificationForwarder extends LoopThread {

  private static final Logger log = LoggerFactory.getLogger(NotificationForwarder.class);
  static final String GROUP = "openvod-control-api-notifications";

  private final KafkaClients clients;
  private final KafkaProducer<String, String> producer;
  private final String notificationsTopic;
  private final String commandsTopic;
  private volatile KafkaConsumer<String, String> consumer;

  public NotificationForwarder(KafkaClients clients, KafkaProducer<String, String> producer) {
    super("notification-forwarder");
    this.clients = clients;
    this.producer = producer;
    this.notificationsTopic = clients.topic(Topics.NOTIFICATIONS);
    this.commandsTopic = clients.topic(Topics.COMMANDS);
  }

  @Override
  protected void loop() throws Exception {
    try (KafkaConsumer<String, String> c = clients.groupConsumer(GROUP)) {
      consumer = c;
      c.subscribe(List.of(notificationsTopic));
      while (running()) {
        ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          continue;
        }
        for (ConsumerRecord<String, String> r : records) {
          forward(r);
        }
        producer.flush();
        c.commitSync();
      }
    } finally {
      consumer = null;
    }
  }

  private void forward(ConsumerRecord<String, String> r) throws Exception {
    Notification n;
    try {
      n = r.value() == null ? null : Json.read(r.value(), Notification.class);
    } catch (RuntimeException e) {
      log.warn("skipping undecodable notification at {}-{}", r.partition(), r.offset());
      return;
    }
    if (n == null || !StatusFolding.isRelevant(n.event())) {
      return;
    }
    String requestId = "notification-" + r.partition() + "-" + r.offset();
    Submitted command = new Submitted(requestId, new FoldNotification(slim(n)));
    producer.send(new ProducerRecord<>(commandsTopic, requestId, Json.writeString(command))).get();
  }

  /**
   * Only what folding reads (the asset ARN, the event, the configuration id and a few manifest
   * URLs), so a command stays small however large the notification was.
   */
  static Notification slim(Notification n) {
    NotificationDetail d = n.detail();
    List<String> urls = d.manifestUrls();
    if (urls != null && urls.size() > 10) {
      urls = urls.subList(0, 10);
    }
    List<String> resources =
        n.resources() == null || n.resources().isEmpty()
            ? List.of()
            : List.of(n.resources().get(0));
    return new Notification(
        n.version(),
        n.id(),
        n.detailType(),
        n.source(),
        n.account(),
        n.time(),
        n.region(),
        resources,
        new NotificationDetail(d.event(), null, d.packagingConfigurationId(), urls, null));
  }

  @Override
  protected void wakeup() {
    KafkaConsumer<String, String> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }
}
