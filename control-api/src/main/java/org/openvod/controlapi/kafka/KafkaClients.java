package org.openvod.controlapi.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openvod.events.TopicSpec;

/**
 * Creates the plain Kafka clients this service uses, all with String keys and JSON String values.
 * Topic names, consumer groups and the transactional id carry the deployment's topic prefix, so two
 * deployments (or two tests) sharing a broker never meet.
 */
public final class KafkaClients {

  private final String bootstrapServers;
  private final String prefix;

  public KafkaClients(String bootstrapServers, String prefix) {
    this.bootstrapServers = bootstrapServers;
    this.prefix = prefix == null ? "" : prefix;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String prefix() {
    return prefix;
  }

  public String topic(TopicSpec spec) {
    return spec.name(prefix);
  }

  /** A consumer without a group (the caller assigns partitions), reading committed data only. */
  public KafkaConsumer<String, String> assignedConsumer() {
    Properties p = common();
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(p);
  }

  /** A group member; offsets are committed by the caller (auto-commit off). */
  public KafkaConsumer<String, String> groupConsumer(String group) {
    Properties p = common();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + group);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    return new KafkaConsumer<>(p);
  }

  private Properties common() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    return p;
  }

  /** An idempotent producer that sends as soon as possible (writes wait on it). */
  public KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(producerProperties());
  }

  /**
   * A transactional producer. A fixed transactional id (per prefix) means a newer owner's
   * initTransactions fences every older producer with the same id and aborts its open transaction.
   */
  public KafkaProducer<String, String> transactionalProducer(String transactionalId) {
    Properties p = producerProperties();
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + transactionalId);
    return new KafkaProducer<>(p);
  }

  private Properties producerProperties() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return p;
  }
}
