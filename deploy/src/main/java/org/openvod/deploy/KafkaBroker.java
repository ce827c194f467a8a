package org.openvod.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.openvod.events.TopicProvisioner;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one JVM), run from Apache
 * Kafka's own jars as a child JVM. Its storage is formatted once; later starts reuse the log, so
 * every resource and event survives a restart.
 */
public final class KafkaBroker {

  static final String MAIN = "kafka.Kafka";
  static final String STORAGE_TOOL = "kafka.tools.StorageTool";

  /**
   * The client JIT only: a local broker carries a few records a second, and starting (on a busy
   * 2-core machine) is what the user waits for.
   */
  static final String QUICK_START = "-XX:TieredStopAtLevel=1";

  private final Settings settings;
  private final Path dir;

  public KafkaBroker(Settings settings) {
    this.settings = settings;
    this.dir = settings.dataDir().resolve("kafka");
  }

  /** Formats the storage if this data directory has none yet, then starts and waits for it. */
  public ChildProcess start(Duration timeout) {
    Path config = writeConfig(Ports.freePort());
    if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
      format(config);
    }
    ChildProcess kafka =
        ChildProcess.start(
            "kafka",
            JavaCommand.mainClass(
                settings.dataDir(),
                JavaCommand.options(
                    settings,
                    QUICK_START,
                    "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "-Dorg.slf4j.simpleLogger.log.kafka.coordinator=warn",
                    "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.coordinator=warn"),
                MAIN,
                config.toString()),
            classpath(),
            settings.logDir().resolve("kafka.log"));
    try {
      Readiness.waitForPort(kafka, settings.kafkaPort(), timeout);
      // Topics with their catalogue partitions and retention, before any client auto-creates them.
      TopicProvisioner.ensureTopics(settings.kafkaBootstrap(), settings.topicPrefix(), (short) 1);
    } catch (LaunchException e) {
      kafka.stop(Duration.ofSeconds(10));
      throw e;
    } catch (RuntimeException e) {
      boolean died = !kafka.isAlive();
      kafka.stop(Duration.ofSeconds(10));
      throw new LaunchException(
          died
              ? "kafka died while starting: " + kafka.deathReport()
              : "kafka is up but topic creation failed: "
                  + e.getMessage()
                  + "; its log: "
                  + kafka.log(),
          e);
    }
    return kafka;
  }

  private void format(Path config) {
    ChildProcess tool =
        ChildProcess.start(
            "kafka-storage-format",
            JavaCommand.mainClass(
                settings.dataDir(),
                JavaCommand.options(settings, QUICK_START),
                STORAGE_TOOL,
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                config.toString()),
            classpath(),
            settings.logDir().resolve("kafka.log"));
    int code = tool.waitFor(Duration.ofSeconds(60));
    if (code != 0) {
      throw new LaunchException("formatting Kafka's storage failed: " + tool.deathReport());
    }
  }

  private Map<String, String> classpath() {
    return Map.of("CLASSPATH", JavaCommand.launcherClasspath());
  }

  /** server.properties for a combined broker+controller; the controller gets a free port. */
  Path writeConfig(int controllerPort) {
    String listener = "127.0.0.1:" + settings.kafkaPort();
    String controller = "127.0.0.1:" + controllerPort;
    List<String> lines =
        List.of(
            "# written by ./vod up at every start",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@" + controller,
            "listeners=PLAINTEXT://" + listener + ",CONTROLLER://" + controller,
            "advertised.listeners=PLAINTEXT://" + listener,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs=" + dir.resolve("data"),
            "num.partitions=1",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=6",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "transaction.state.log.num.partitions=6",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=true");
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve("server.properties");
      Files.write(config, lines);
      return config;
    } catch (IOException e) {
      throw new LaunchException("cannot write Kafka's configuration in " + dir, e);
    }
  }
}
