package org.openvod.controlapi.kafka;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.openvod.controlapi.state.ResourceState;
import org.openvod.controlapi.state.ResourceView;
import org.openvod.events.Json;
import org.openvod.events.Topics;
import org.openvod.events.model.ResourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps this instance's {@link ResourceView} in step with the resources topic. */
public final class ResourceViewUpdater extends LoopThread {

  private static final Logger log = LoggerFactory.getLogger(ResourceViewUpdater.class);

  private final KafkaConsumer<String, String> consumer;
  private final TopicPartition partition;
  private final ResourceView view;

  public ResourceViewUpdater(KafkaClients clients, ResourceView view) {
    super("resource-view");
    this.consumer = clients.assignedConsumer();
    this.partition = new TopicPartition(clients.topic(Topics.RESOURCES), 0);
    this.view = view;
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
  }

  /**
   * Reads the whole topic up to its current end in the calling thread, so the view is complete
   * before the API accepts requests; then continues in the background.
   */
  public void catchUpAndStart(Duration timeout) {
    long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (consumer.position(partition) < end) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("resources topic not read to its end in " + timeout);
      }
      pollOnce(Duration.ofMillis(200));
    }
    log.info("resource view rebuilt from {} records of {}", end, partition.topic());
    start();
  }

  @Override
  protected void loop() {
    while (running()) {
      pollOnce(Duration.ofMillis(500));
    }
  }

  private void pollOnce(Duration timeout) {
    ResourceState state = view.state();
    for (ConsumerRecord<String, String> r : consumer.poll(timeout)) {
      apply(state, r);
    }
    view.advanceTo(consumer.position(partition));
  }

  /** Applies one record of the resources topic; undecodable values are logged and skipped. */
  public static void apply(ResourceState state, ConsumerRecord<String, String> r) {
    try {
      state.apply(r.key(), r.value() == null ? null : Json.read(r.value(), ResourceRecord.class));
    } catch (RuntimeException e) {
      log.warn("skipping undecodable resource record at offset {}: {}", r.offset(), e.toString());
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
