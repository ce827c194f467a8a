package org.openvod.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvod.events.Topics;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * The launcher's Kafka and S3Proxy as real child JVMs in a temporary data directory: they keep what
 * they were given across a stop and a start, and the directory belongs to one launcher.
 */
class LocalPlatformTest {

  @TempDir Path dataDir;

  @Test
  void kafkaAndS3KeepTheirDataAcrossARestart() throws Exception {
    Settings settings = settings();
    String key = "asset-" + UUID.randomUUID();
    String value = "{\"probe\":\"" + key + "\"}";
    byte[] object = ("object " + key).getBytes(StandardCharsets.UTF_8);

    Platform first = new Platform(settings, System.out);
    try {
      first.startInfrastructure();
      assertThat(partitions(settings, Topics.NOTIFICATIONS.name("")))
          .as("the launcher creates the catalogue's topics with their partition counts")
          .isEqualTo(Topics.NOTIFICATIONS.partitions());
      produce(settings, key, value);
      try (S3Client s3 = S3Server.client(settings)) {
        s3.putObject(
            b -> b.bucket("vod-sources").key("probe/" + key), RequestBody.fromBytes(object));
      }
    } finally {
      first.stop();
    }
    assertThat(first.children()).hasSize(2).noneMatch(ChildProcess::isAlive);
    assertThat(Ports.accepts(settings.kafkaPort())).isFalse();
    assertThat(Ports.accepts(settings.s3Port())).isFalse();
    assertThat(Files.readString(settings.logDir().resolve("kafka.log")))
        .as("Kafka shut down by itself on SIGTERM")
        .contains("shut down completed");

    Platform second = new Platform(settings, System.out);
    try {
      second.startInfrastructure();
      assertThat(readAll(settings))
          .as("the record written before the restart")
          .anyMatch(r -> r.key().equals(key) && r.value().equals(value));
      try (S3Client s3 = S3Server.client(settings)) {
        assertThat(
                s3.getObjectAsBytes(b -> b.bucket("vod-sources").key("probe/" + key)).asByteArray())
            .isEqualTo(object);
        assertThat(s3.listBuckets().buckets().stream().map(Bucket::name))
            .contains("vod-sources", "vod-output");
      }
    } finally {
      second.stop();
    }
  }

  @Test
  void aSecondLauncherOnTheSameDataDirectorySaysWhoOwnsIt() throws Exception {
    try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
      long self = ProcessHandle.current().pid();
      assertThat(DataDirLock.ownerPid(dataDir)).hasValue(self);
      assertThatThrownBy(() -> DataDirLock.acquire(dataDir))
          .isInstanceOf(LaunchException.class)
          .hasMessageContaining("already running")
          .hasMessageContaining("pid " + self);

      // and a real second ./vod up, in its own JVM, refuses before starting anything
      int kafkaPort = Ports.freePort();
      ProcessBuilder builder =
          new ProcessBuilder(
              JavaCommand.javaBinary(),
              "-cp",
              JavaCommand.launcherClasspath(),
              Vod.class.getName(),
              "up");
      builder.environment().put("VOD_DATA_DIR", dataDir.toString());
      builder.environment().put("VOD_KAFKA_PORT", Integer.toString(kafkaPort));
      builder.redirectErrorStream(true);
      Process second = builder.start();
      String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).as(output).isEqualTo(1);
      assertThat(output).contains("already running").contains("pid " + self);
      assertThat(Ports.accepts(kafkaPort)).isFalse();
    }
    assertThat(DataDirLock.ownerPid(dataDir)).isEmpty();
    DataDirLock.acquire(dataDir).close(); // free again once the owner let go
  }

  @Test
  void aBusyPortIsNamedWithTheVariableThatMovesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Settings settings =
          Settings.forTest(
              TestPlatforms.home(), dataDir, taken.getLocalPort(), Ports.freePort(), 1, 2, 3);
      assertThatThrownBy(() -> new Platform(settings, System.out).checkPorts(false))
          .isInstanceOf(LaunchException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("VOD_KAFKA_PORT");
    }
  }

  @Test
  void aChildThatDiesWhileStartingIsNamedWithItsLog() {
    Path log = dataDir.resolve("logs/broken.log");
    ChildProcess broken =
        ChildProcess.start(
            "broken",
            JavaCommand.mainClass(dataDir, List.of("-Xmx32m"), "org.openvod.deploy.NoSuchMain"),
            Map.of("CLASSPATH", JavaCommand.launcherClasspath()),
            log);
    assertThatThrownBy(
            () -> Readiness.waitForPort(broken, Ports.freePort(), Duration.ofSeconds(30)))
        .isInstanceOf(LaunchException.class)
        .hasMessageContaining("broken died")
        .hasMessageContaining(log.toString())
        .hasMessageContaining("NoSuchMain");
  }

  @Test
  void childrenOfAKilledLauncherAreFoundByTheirDataDirectoryAndStopped() throws Exception {
    Path other = Files.createDirectories(dataDir.resolve("other"));
    ChildProcess mine = sleeper(dataDir, "mine");
    ChildProcess someoneElses = sleeper(other, "other");
    try {
      assertThat(Leftovers.find(dataDir))
          .extracting(ProcessHandle::pid)
          .containsExactly(mine.pid());
      Leftovers.stop(dataDir, System.out);
      assertThat(mine.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(someoneElses.isAlive()).as("a process of another data directory").isTrue();
    } finally {
      mine.stop(Duration.ofSeconds(5));
      someoneElses.stop(Duration.ofSeconds(5));
    }
  }

  private static ChildProcess sleeper(Path dir, String name) {
    return ChildProcess.start(
        name,
        JavaCommand.mainClass(dir, List.of("-Xmx16m"), Sleeper.class.getName()),
        Map.of("CLASSPATH", JavaCommand.launcherClasspath()),
        dir.resolve("logs/" + name + ".log"));
  }

  private Settings settings() {
    return TestPlatforms.onFreePorts(dataDir);
  }

  private static int partitions(Settings settings, String topic) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
    try (Admin admin = Admin.create(p)) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    }
  }

  private static void produce(Settings settings, String key, String value) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer
          .send(new ProducerRecord<>(Topics.NOTIFICATIONS.name(""), key, value))
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static List<ConsumerRecord<String, String>> readAll(Settings settings) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      String topic = Topics.NOTIFICATIONS.name("");
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline
          && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      }
    }
    return seen;
  }
}
