package org.openvod.ingest.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openvod.events.Topics;
import org.openvod.ingest.consumer.DeadLetterPublisher;
import org.openvod.ingest.consumer.LifecycleConsumer;
import org.openvod.ingest.encryption.ContentKeySource;
import org.openvod.ingest.encryption.KeyServerCredentials;
import org.openvod.ingest.encryption.KeyServerTrust;
import org.openvod.ingest.job.JobDependencies;
import org.openvod.ingest.job.LifecycleHandler;
import org.openvod.ingest.job.RetryPolicy;
import org.openvod.ingest.metrics.IngestMetrics;
import org.openvod.ingest.notify.NotificationFactory;
import org.openvod.ingest.notify.NotificationPublisher;
import org.openvod.ingest.output.OutputStore;
import org.openvod.ingest.source.SourceAccess;
import org.openvod.ingest.speke.SpekeClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the worker's plain classes together; only this package knows Spring. */
@Configuration(proxyBeanMethods = false)
public class WorkerConfiguration {

  @Bean(destroyMethod = "close")
  S3Clients s3Clients(WorkerProperties properties) {
    return new S3Clients(properties.s3(), properties.region());
  }

  @Bean
  OutputStore outputStore(WorkerProperties properties, S3Clients clients) {
    return new OutputStore(
        clients.client(properties.accessKeyId(), properties.secretAccessKey()),
        properties.outputBucket());
  }

  @Bean
  SourceAccess sourceAccess(WorkerProperties properties, S3Clients clients) {
    return new SourceAccess(properties, clients);
  }

  @Bean
  IngestMetrics ingestMetrics(MeterRegistry registry) {
    return new IngestMetrics(registry);
  }

  /** Idempotent, acks=all: a notification is either stored once, in order, or the send fails. */
  @Bean(destroyMethod = "close")
  Producer<String, String> workerProducer(
      @Value("${spring.kafka.bootstrap-servers}") String bootstrap, MeterRegistry registry) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-worker-producer");
    KafkaProducer<String, String> producer = new KafkaProducer<>(p);
    new KafkaClientMetrics(producer).bindTo(registry);
    return producer;
  }

  /**
   * The key servers' client; bad credentials or certificates stop the start, naming the property.
   */
  @Bean
  ContentKeySource contentKeySource(WorkerProperties properties) {
    WorkerProperties.Speke speke = properties.speke();
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .sslContext(KeyServerTrust.context(speke.trustedCertificates()))
            .build();
    return new ContentKeySource(
        new SpekeClient(
            http,
            new SpekeClient.Retry(
                speke.maxAttempts(), speke.firstBackoff(), speke.requestTimeout())),
        KeyServerCredentials.parse(speke.credentials()));
  }

  @Bean
  LifecycleHandler lifecycleHandler(
      WorkerProperties properties,
      SourceAccess sourceAccess,
      OutputStore outputStore,
      Producer<String, String> producer,
      IngestMetrics metrics,
      ContentKeySource keys) {
    WorkerProperties.Jobs jobs = properties.jobs();
    return new LifecycleHandler(
        new JobDependencies(
            sourceAccess,
            outputStore,
            new NotificationFactory(properties.account(), properties.region(), Clock.systemUTC()),
            new NotificationPublisher(
                producer, Topics.NOTIFICATIONS.name(properties.topicPrefix())),
            new RetryPolicy(jobs.maxAttempts(), jobs.initialBackoff(), jobs.maxBackoff(), metrics),
            metrics,
            Math.max(1, jobs.progressStepPercent()),
            keys));
  }

  /** Provisions topics and the output bucket first, so a fresh deployment starts by itself. */
  @Bean(initMethod = "start", destroyMethod = "close")
  LifecycleConsumer lifecycleConsumer(
      @Value("${spring.kafka.bootstrap-servers}") String bootstrap,
      WorkerProperties properties,
      LifecycleHandler handler,
      OutputStore outputStore,
      Producer<String, String> producer,
      IngestMetrics metrics,
      MeterRegistry registry) {
    new Provisioning(bootstrap, properties, outputStore).run();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    // A killed worker's partitions (and the assets queued on them) wait one session timeout before
    // another worker takes them over; Kafka's default is 45 s.
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    // moving a partition stops only that partition's job, not every job of the group
    p.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
    new KafkaClientMetrics(consumer).bindTo(registry);
    return new LifecycleConsumer(
        consumer,
        Topics.ASSET_LIFECYCLE.name(properties.topicPrefix()),
        handler,
        new DeadLetterPublisher(producer, Topics.INGEST_DLQ.name(properties.topicPrefix())),
        metrics,
        properties.jobs().concurrency(),
        properties.jobs().maxPendingPerPartition());
  }
}
