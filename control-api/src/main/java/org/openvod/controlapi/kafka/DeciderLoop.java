package org.openvod.controlapi.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.openvod.controlapi.api.ApiError;
import org.openvod.controlapi.command.LogEntry;
import org.openvod.controlapi.command.LogEntry.Outcome;
import org.openvod.controlapi.command.LogEntry.Submitted;
import org.openvod.controlapi.decide.Decider;
import org.openvod.controlapi.decide.Decision;
import org.openvod.controlapi.state.ResourceChange;
import org.openvod.controlapi.state.ResourceState;
import org.openvod.events.Json;
import org.openvod.events.Topics;
import org.openvod.events.model.LifecycleEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides commands in log order. Every instance runs one; the consumer group on the
 * single-partition commands topic makes exactly one of them the owner. On becoming owner it
 *
 * <ol>
 *   <li>initialises a transactional producer with a fixed transactional id, which fences any older
 *       owner and completes (aborts) its open transaction,
 *   <li>rebuilds its state from the resources topic (committed records only, to the end),
 *   <li>resumes at the committed command offset.
 * </ol>
 *
 * Each poll batch is decided in one transaction that writes the resource records, lifecycle events,
 * outcomes and the consumed offset together: either all of a decision is visible or none of it is,
 * and a crashed owner's half-done batch is decided again, identically, by the next owner.
 */
public final class DeciderLoop extends LoopThread {

  private static final Logger log = LoggerFactory.getLogger(DeciderLoop.class);
  static final String GROUP = "openvod-control-api-decider";
  static final String TRANSACTIONAL_ID = "openvod-control-api-decider";
  private static final int MAX_ATTEMPTS = 3;
  private static final int NOT_PAUSED = Integer.MIN_VALUE;

  private final KafkaClients clients;
  private final Decider decider;
  private final TopicPartition commands;
  private final String resourcesTopic;
  private final String lifecycleTopic;
  private volatile KafkaConsumer<String, String> consumer;
  private volatile Ownership ownership;

  public DeciderLoop(KafkaClients clients, Decider decider) {
    super("decider");
    this.clients = clients;
    this.decider = decider;
    this.commands = new TopicPartition(clients.topic(Topics.COMMANDS), 0);
    this.resourcesTopic = clients.topic(Topics.RESOURCES);
    this.lifecycleTopic = clients.topic(Topics.ASSET_LIFECYCLE);
  }

  /** Whether this instance currently owns the commands partition (for health and tests). */
  public boolean isOwner() {
    return ownership != null;
  }

  @Override
  protected void loop() {
    try (KafkaConsumer<String, String> c = clients.groupConsumer(GROUP)) {
      consumer = c;
      c.subscribe(List.of(commands.topic()), new Rebalance(c));
      while (running()) {
        ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
        if (ownership != null) {
          ownership.resumeAfterRebalance(c);
          if (!records.isEmpty()) {
            ownership.decide(records.records(commands), c);
          }
        }
      }
    } finally {
      release();
      consumer = null;
    }
  }

  private void release() {
    if (ownership != null) {
      ownership.close();
      ownership = null;
    }
  }

  @Override
  protected void wakeup() {
    KafkaConsumer<String, String> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    private final KafkaConsumer<String, String> c;

    Rebalance(KafkaConsumer<String, String> c) {
      this.c = c;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.contains(commands)) {
        release();
        ownership = new Ownership();
        OffsetAndMetadata committed = c.committed(Set.of(commands)).get(commands);
        if (committed == null) {
          c.seekToBeginning(List.of(commands));
        } else {
          c.seek(commands, committed.offset());
        }
        log.info(
            "now deciding commands of {} from offset {}",
            commands.topic(),
            committed == null ? "start" : committed.offset());
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.contains(commands)) {
        log.info("no longer deciding commands of {}", commands.topic());
        release();
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }
  }

  /** What an owner holds: its fencing producer and the state as of its last decision. */
  private final class Ownership implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private ResourceState state;
    private long failedOffset = -1;
    private int failures;
    private int pausedGeneration = NOT_PAUSED;
    private long pausedUntil;

    Ownership() {
      producer = clients.transactionalProducer(TRANSACTIONAL_ID);
      producer.initTransactions();
      rebuild();
    }

    private void rebuild() {
      state = new ResourceState();
      TopicPartition resources = new TopicPartition(resourcesTopic, 0);
      try (KafkaConsumer<String, String> reader = clients.assignedConsumer()) {
        reader.assign(List.of(resources));
        reader.seekToBeginning(List.of(resources));
        long end = reader.endOffsets(List.of(resources)).get(resources);
        long count = 0;
        while (reader.position(resources) < end) {
          for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
            ResourceViewUpdater.apply(state, r);
            count++;
          }
        }
        log.info("decider state rebuilt from {} resource records", count);
      }
    }

    void decide(List<ConsumerRecord<String, String>> records, KafkaConsumer<String, String> c) {
      List<ConsumerRecord<String, String>> submitted = new ArrayList<>();
      for (ConsumerRecord<String, String> r : records) {
        if (OutcomeListener.decode(r.value()) instanceof Submitted) {
          submitted.add(r);
        }
      }
      if (submitted.isEmpty()) {
        return; // only our own outcomes: nothing to decide, nothing to commit
      }
      long first = records.get(0).offset();
      long next = records.get(records.size() - 1).offset() + 1;
      boolean giveUp = first == failedOffset && failures >= MAX_ATTEMPTS;
      producer.beginTransaction();
      try {
        List<PendingOutcome> outcomes = new ArrayList<>();
        for (ConsumerRecord<String, String> r : submitted) {
          Submitted s = (Submitted) OutcomeListener.decode(r.value());
          PendingOutcome outcome = giveUp ? rejectOne(s) : decideOne(s);
          if (outcome != null) {
            outcomes.add(outcome);
          }
        }
        producer.flush(); // resource offsets are known once the sends completed
        for (PendingOutcome o : outcomes) {
          producer.send(
              new ProducerRecord<>(commands.topic(), o.requestId, Json.writeString(o.outcome())));
        }
        producer.sendOffsetsToTransaction(
            Map.of(commands, new OffsetAndMetadata(next)), c.groupMetadata());
        producer.commitTransaction();
        failures = 0;
      } catch (RuntimeException e) {
        if (!(e instanceof CommitFailedException || e instanceof RebalanceInProgressException)) {
          // group churn is not the command's fault; anything else counts towards giving up
          failures = first == failedOffset ? failures + 1 : 1;
          failedOffset = first;
        }
        retryLater(first, c, e);
      }
    }

    /**
     * A batch that failed {@value #MAX_ATTEMPTS} times in a row is answered with 500 for each of
     * its commands, without writing anything else, so one poisonous command cannot stop every later
     * decision.
     */
    private PendingOutcome rejectOne(Submitted s) {
      log.error("giving up on command {} after {} failed attempts", s.requestId(), failures);
      boolean wantsOutcome = s.command() == null || s.command().wantsOutcome();
      Decision d = Decision.reject(ApiError.InternalServerErrorException, "internal server error");
      return wantsOutcome ? new PendingOutcome(s.requestId(), d, List.of()) : null;
    }

    /**
     * The batch's transaction failed, so nothing of it is visible, but the in-memory state already
     * holds its changes. An abortable failure (typically a group generation that changed because
     * another instance joined) is retried: abort, rebuild the state from the topic, and read the
     * batch again. A fatal one (this producer was fenced by a newer owner) ends the ownership: the
     * loop restarts and rejoins the group.
     */
    private void retryLater(long firstOffset, KafkaConsumer<String, String> c, RuntimeException e) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException fatal) {
        e.addSuppressed(fatal);
        throw e;
      }
      log.warn("decision batch aborted, deciding it again: {}", e.toString());
      rebuild();
      c.seek(commands, firstOffset);
      if (e instanceof CommitFailedException || e instanceof RebalanceInProgressException) {
        // committing cannot work before the group's rebalance completes (inside later polls)
        c.pause(List.of(commands));
        pausedGeneration = c.groupMetadata().generationId();
        pausedUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      }
    }

    /** Resumes deciding once the group generation changed (or after 10 s, whatever happens). */
    void resumeAfterRebalance(KafkaConsumer<String, String> c) {
      if (pausedGeneration != NOT_PAUSED
          && (c.groupMetadata().generationId() != pausedGeneration
              || System.nanoTime() > pausedUntil)) {
        pausedGeneration = NOT_PAUSED;
        c.resume(List.of(commands));
      }
    }

    private PendingOutcome decideOne(Submitted s) {
      Decision d;
      try {
        d =
            s.command() == null
                ? Decision.reject(ApiError.UnprocessableEntityException, "empty command")
                : decider.decide(s.command(), state);
      } catch (RuntimeException e) {
        log.error("cannot decide command {}", s.requestId(), e);
        d = Decision.reject(ApiError.InternalServerErrorException, "internal server error");
      }
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (ResourceChange change : d.changes()) {
        state.apply(change);
        String value = change.record() == null ? null : Json.writeString(change.record());
        sends.add(producer.send(new ProducerRecord<>(resourcesTopic, change.arn(), value)));
      }
      for (LifecycleEvent event : d.events()) {
        producer.send(
            new ProducerRecord<>(lifecycleTopic, event.assetId(), Json.writeString(event)));
      }
      boolean wantsOutcome = s.command() == null || s.command().wantsOutcome();
      return wantsOutcome ? new PendingOutcome(s.requestId(), d, sends) : null;
    }

    @Override
    public void close() {
      producer.close(Duration.ofSeconds(5));
    }
  }

  private record PendingOutcome(
      String requestId, Decision decision, List<Future<RecordMetadata>> sends) {

    Outcome outcome() {
      long offset = -1;
      for (Future<RecordMetadata> f : sends) {
        try {
          offset = Math.max(offset, f.get().offset() + 1);
        } catch (Exception e) {
          throw new IllegalStateException("resource write failed", e);
        }
      }
      Decision d = decision;
      return new LogEntry.Outcome(
          requestId, d.error() == null ? null : d.error().name(), d.message(), d.result(), offset);
    }
  }
}
