package org.openvod.controlapi.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.openvod.controlapi.VodProperties.Quotas;
import org.openvod.controlapi.command.Command;
import org.openvod.controlapi.command.LogEntry;
import org.openvod.controlapi.decide.Decider;
import org.openvod.controlapi.state.Arns;
import org.openvod.controlapi.support.Vod;
import org.openvod.events.Json;
import org.openvod.events.TopicProvisioner;
import org.openvod.events.Topics;
import org.openvod.events.model.PackagingGroup;
import org.openvod.events.model.ResourceRecord;
import org.openvod.events.testing.TestKafka;

/**
 * A decider that stops half-way through a transaction (a "zombie") can never make its writes
 * visible once a new owner took over: the new owner's initTransactions fences it and aborts the
 * open transaction before the new owner rebuilds its state.
 */
class FencingTest {

  @Test
  void aNewOwnerFencesTheOldOneAndNeverSeesItsUncommittedWrites() throws Exception {
    String prefix = TestKafka.uniquePrefix();
    TopicProvisioner.ensureTopics(TestKafka.bootstrapServers(), prefix, (short) 1);
    KafkaClients clients = new KafkaClients(TestKafka.bootstrapServers(), prefix);
    Arns arns = new Arns("us-east-1", "000000000000");
    PackagingGroup group =
        new PackagingGroup(
            "zombie",
            arns.group("zombie"),
            "2026-12-01T10:00:00+00:00",
            "http://o",
            null,
            null,
            Map.of());

    KafkaProducer<String, String> zombie =
        clients.transactionalProducer(DeciderLoop.TRANSACTIONAL_ID);
    zombie.initTransactions();
    zombie.beginTransaction();
    zombie.send(
        new ProducerRecord<>(
            clients.topic(Topics.RESOURCES),
            group.arn(),
            Json.writeString(new ResourceRecord.GroupRecord(group))));
    zombie.flush(); // written, not committed

    try (DeciderLoop decider = new DeciderLoop(clients, new Decider(new Quotas(10, 10, 10)));
        KafkaProducer<String, String> producer = clients.producer()) {
      decider.start();
      String commandsTopic = clients.topic(Topics.COMMANDS);
      producer
          .send(
              new ProducerRecord<>(
                  commandsTopic,
                  "r1",
                  Json.writeString(new LogEntry.Submitted("r1", new Command.CreateGroup(group)))))
          .get();
      var records =
          TestKafka.readUntil(
              commandsTopic,
              Duration.ofSeconds(60),
              rs -> rs.stream().anyMatch(r -> r.value().contains("\"Outcome\"")));
      LogEntry.Outcome outcome =
          records.stream()
              .map(r -> Json.read(r.value(), LogEntry.class))
              .filter(e -> e instanceof LogEntry.Outcome)
              .map(e -> (LogEntry.Outcome) e)
              .findFirst()
              .orElseThrow();
      // the zombie's group was never committed, so the id is free for the new owner
      assertThat(outcome.errorType()).isNull();
      assertThat(decider.isOwner()).isTrue();
    }
    assertThatThrownBy(zombie::commitTransaction).isInstanceOf(KafkaException.class);
    zombie.close(Duration.ofSeconds(1));
    // exactly one committed record for the group's ARN
    var resources = Vod.readToEnd(clients.topic(Topics.RESOURCES));
    assertThat(resources).filteredOn(r -> r.key().equals(group.arn())).hasSize(1);
  }

  @Test
  void everyCommandIsDecidedExactlyOnceWhileGroupMembersComeAndGo() throws Exception {
    String prefix = TestKafka.uniquePrefix();
    TopicProvisioner.ensureTopics(TestKafka.bootstrapServers(), prefix, (short) 1);
    KafkaClients clients = new KafkaClients(TestKafka.bootstrapServers(), prefix);
    Arns arns = new Arns("us-east-1", "000000000000");
    String commandsTopic = clients.topic(Topics.COMMANDS);
    int count;
    try (DeciderLoop decider = new DeciderLoop(clients, new Decider(new Quotas(1000, 10, 10)));
        KafkaProducer<String, String> producer = clients.producer()) {
      decider.start();
      Vod.eventually(Duration.ofSeconds(60), decider::isOwner, "the decider to own the commands");
      Thread churn =
          new Thread(
              () -> {
                // members joining and leaving bump the group generation under the decider
                for (int i = 0; i < 2; i++) {
                  try (var member = clients.groupConsumer(DeciderLoop.GROUP)) {
                    member.subscribe(List.of(commandsTopic));
                    long until = System.nanoTime() + Duration.ofMillis(700).toNanos();
                    while (System.nanoTime() < until) {
                      member.poll(Duration.ofMillis(100));
                    }
                  }
                }
              });
      churn.start();
      int sent = 0;
      while (churn.isAlive()) { // commands keep coming while the group changes
        String id = "g" + sent;
        PackagingGroup g =
            new PackagingGroup(id, arns.group(id), "t", "http://o", null, null, Map.of());
        producer.send(
            new ProducerRecord<>(
                commandsTopic,
                "r" + sent,
                Json.writeString(new LogEntry.Submitted("r" + sent, new Command.CreateGroup(g)))));
        sent++;
        Thread.sleep(20);
      }
      count = sent;
      int expected = sent;
      var records =
          TestKafka.readUntil(
              commandsTopic,
              Duration.ofSeconds(60),
              rs -> rs.stream().filter(r -> r.value().contains("\"Outcome\"")).count() >= expected);
      List<LogEntry.Outcome> outcomes =
          records.stream()
              .map(r -> Json.read(r.value(), LogEntry.class))
              .filter(e -> e instanceof LogEntry.Outcome)
              .map(e -> (LogEntry.Outcome) e)
              .toList();
      assertThat(outcomes).hasSize(count).allSatisfy(o -> assertThat(o.errorType()).isNull());
      assertThat(outcomes).extracting(LogEntry.Outcome::requestId).doesNotHaveDuplicates();
      assertThat(decider.isOwner()).isTrue(); // sticky assignment: the members never took over
    }
    var resources = Vod.readToEnd(clients.topic(Topics.RESOURCES));
    assertThat(resources).hasSize(count);
    assertThat(resources).extracting(r -> r.key()).doesNotHaveDuplicates();
  }
}
