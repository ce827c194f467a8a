package org.openvod.origin.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.openvod.events.Json;
import org.openvod.events.TopicProvisioner;
import org.openvod.events.Topics;
import org.openvod.events.model.Notification;
import org.openvod.events.model.ResourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the {@link RoutingView} in step with the resources and notifications topics. Every instance
 * reads both topics whole from the beginning (no consumer group, nothing committed), with
 * read_committed so aborted transactional writes never make anything servable. The view counts as
 * loaded once everything that was in the topics at start has been applied.
 */
public final class RoutingViewFollower implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(RoutingViewFollower.class);
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final RoutingView view;
  private final String bootstrapServers;
  private final String resourcesTopic;
  private final String notificationsTopic;
  private final String topicPrefix;

  private volatile boolean running;
  private volatile boolean loaded;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  public RoutingViewFollower(RoutingView view, String bootstrapServers, String topicPrefix) {
    this.view = view;
    this.bootstrapServers = bootstrapServers;
    this.topicPrefix = topicPrefix;
    this.resourcesTopic = Topics.RESOURCES.name(topicPrefix);
    this.notificationsTopic = Topics.NOTIFICATIONS.name(topicPrefix);
  }

  /** True once the view holds everything the topics held when the origin started. */
  public boolean isLoaded() {
    return loaded;
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::runLoop, "routing-view-follower");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void runLoop() {
    while (running) {
      try {
        TopicProvisioner.ensureTopics(bootstrapServers, topicPrefix, (short) 1);
        follow();
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("routing view follower failed, retrying in {}: {}", RETRY, e.toString());
        sleep(RETRY);
      }
    }
  }

  private void follow() {
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProperties())) {
      consumer = c;
      List<TopicPartition> partitions = new ArrayList<>();
      partitions.addAll(partitionsOf(c, resourcesTopic));
      partitions.addAll(partitionsOf(c, notificationsTopic));
      c.assign(partitions);
      // A restart of the loop re-reads from the start into the same view: applying a record
      // twice gives the same state, so that is safe.
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> target =
          loaded ? Map.of() : new HashMap<>(c.endOffsets(partitions));
      while (running) {
        for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
          apply(record);
        }
        if (!loaded && caughtUp(c, target)) {
          loaded = true;
          LOG.info("routing view loaded from {} and {}", resourcesTopic, notificationsTopic);
        }
      }
    } finally {
      consumer = null;
    }
  }

  private boolean caughtUp(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    try {
      if (record.topic().equals(resourcesTopic)) {
        ResourceRecord value =
            record.value() == null ? null : Json.read(record.value(), ResourceRecord.class);
        view.applyResource(record.key(), value);
      } else if (record.value() != null) {
        view.applyNotification(Json.read(record.value(), Notification.class));
      }
    } catch (RuntimeException e) {
      // A bad record must not stop the origin: skip it and say where it is.
      LOG.warn(
          "skipping unreadable record {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.toString());
    }
  }

  private List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> c, String topic) {
    List<TopicPartition> result = new ArrayList<>();
    List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " has no partitions (yet)");
    }
    infos.forEach(i -> result.add(new TopicPartition(topic, i.partition())));
    return result;
  }

  private Properties consumerProperties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "manifest-server-routing-view");
    return p;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
