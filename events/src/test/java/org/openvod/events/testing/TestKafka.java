package org.openvod.events.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker for tests: Testcontainers' Kafka when a Docker engine answers, otherwise an
 * in-process KRaft broker (Kafka's own KafkaClusterTestKit through spring-kafka-test). One broker
 * per JVM, shared by all tests; tests isolate themselves with a topic prefix of their own.
 */
public final class TestKafka {

  private static String bootstrap;

  private TestKafka() {}

  public static synchronized String bootstrapServers() {
    if (bootstrap == null) {
      bootstrap = start();
    }
    return bootstrap;
  }

  /** A unique topic prefix so tests sharing the broker never see each other's records. */
  public static String uniquePrefix() {
    return "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
  }

  private static String start() {
    if (dockerAvailable()) {
      KafkaContainer container = new KafkaContainer("apache/kafka-native:4.1.2");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return container.getBootstrapServers();
    }
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.brokerProperties(
        Map.of(
            "auto.create.topics.enable", "true",
            "group.initial.rebalance.delay.ms", "0",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1"));
    broker.afterPropertiesSet();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
    return broker.getBrokersAsString();
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  public static KafkaProducer<String, String> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p);
  }

  public static void send(String topic, String key, String value) {
    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A consumer with no group that reads every partition of the topic from the beginning. */
  public static KafkaConsumer<String, String> consumerFromStart(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
    List<TopicPartition> partitions = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (partitions.isEmpty() && System.nanoTime() < deadline) {
      var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos != null) {
        infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  /**
   * Reads the topic from the start until {@code done} holds for everything read so far, or the
   * timeout passes; returns what was read either way.
   */
  public static List<ConsumerRecord<String, String>> readUntil(
      String topic, Duration timeout, Predicate<List<ConsumerRecord<String, String>>> done) {
    List<ConsumerRecord<String, String>> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumerFromStart(topic)) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline && !done.test(seen)) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      }
    }
    return seen;
  }
}
