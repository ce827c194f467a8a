package org.openvod.controlapi.kafka;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.openvod.controlapi.command.LogEntry;
import org.openvod.controlapi.command.PendingRequests;
import org.openvod.events.Json;
import org.openvod.events.Topics;

/**
 * Tails the commands topic from its end and hands each committed outcome to the request of this
 * instance that waits for it (outcomes of other instances' requests find no waiter and are
 * dropped).
 */
public final class OutcomeListener extends LoopThread {

  private final KafkaConsumer<String, String> consumer;
  private final PendingRequests pending;

  public OutcomeListener(KafkaClients clients, PendingRequests pending) {
    super("outcome-listener");
    this.consumer = clients.assignedConsumer();
    this.pending = pending;
    TopicPartition partition = new TopicPartition(clients.topic(Topics.COMMANDS), 0);
    consumer.assign(List.of(partition));
    consumer.seekToEnd(List.of(partition));
    // resolve the end now, before this instance submits anything, so no outcome is missed
    consumer.position(partition, Duration.ofSeconds(60));
  }

  @Override
  protected void loop() {
    while (running()) {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
        LogEntry entry = decode(r.value());
        if (entry instanceof LogEntry.Outcome outcome) {
          pending.complete(outcome);
        }
      }
    }
  }

  static LogEntry decode(String value) {
    try {
      return value == null ? null : Json.read(value, LogEntry.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  protected void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    super.close();
    consumer.close(Duration.ofSeconds(5));
  }
}
