package org.openvod.ingest.consumer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.openvod.ingest.job.JobControl;
import org.openvod.ingest.job.JobStoppedException;
import org.openvod.ingest.job.LifecycleHandler;
import org.openvod.ingest.metrics.IngestMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the lifecycle topic in the worker's group and runs each record as a job off the poll
 * thread. Per partition, records run one at a time in offset order (one asset is always in one
 * partition, so its events never overtake each other); different partitions run in parallel up to
 * the configured concurrency.
 *
 * <ul>
 *   <li>The poll thread never blocks on a job, so a long job never looks like a dead consumer. It
 *       keeps fetching a busy partition's records (so a delete behind a running job stops it at
 *       once) and pauses the partition only when too many are waiting.
 *   <li>A record's offset is committed only after its job ended and Kafka acknowledged the job's
 *       last notification. A job that failed for a transient reason (Kafka or S3 unreachable) is
 *       retried from its offset later; after several failures it goes to the dead-letter topic.
 *   <li>A revoked partition stops its job without committing; the new owner redoes the record, and
 *       the notification ids it derives are the same.
 * </ul>
 */
public final class LifecycleConsumer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LifecycleConsumer.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);
  private static final int MAX_JOB_FAILURES = 5;

  /** What is fetched and running for one assigned partition. Touched by the poll thread only. */
  private static final class PartitionWork {
    final Deque<Work> pending = new ArrayDeque<>();
    Running running;
    boolean paused;
    int failures;
    long retryAtNanos = System.nanoTime(); // nanoTime may be negative: never compare with 0
  }

  private record Running(Work work, JobControl control, Future<?> future) {}

  private record Completion(
      TopicPartition partition, Work work, JobControl control, Throwable error) {}

  private final Consumer<String, String> consumer;
  private final String topic;
  private final LifecycleHandler handler;
  private final DeadLetterPublisher deadLetters;
  private final IngestMetrics metrics;
  private final int concurrency;
  private final int maxPending;
  private final ExecutorService jobs;
  private final Map<TopicPartition, PartitionWork> partitions = new HashMap<>();
  private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
  private final AtomicInteger completed = new AtomicInteger();
  private volatile Set<TopicPartition> assigned = Set.of();
  private volatile boolean running;
  private volatile boolean alive;
  private Thread thread;

  public LifecycleConsumer(
      Consumer<String, String> consumer,
      String topic,
      LifecycleHandler handler,
      DeadLetterPublisher deadLetters,
      IngestMetrics metrics,
      int concurrency,
      int maxPending) {
    this.consumer = consumer;
    this.topic = topic;
    this.handler = handler;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.concurrency = Math.max(1, concurrency);
    this.maxPending = Math.max(1, maxPending);
    this.jobs =
        Executors.newFixedThreadPool(
            this.concurrency,
            r -> {
              Thread t = new Thread(r, "ingest-job");
              t.setDaemon(true);
              return t;
            });
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    alive = true;
    thread = new Thread(this::loop, "lifecycle-consumer");
    thread.start();
  }

  /** False once the poll loop ended (closed, or stopped by an error it cannot get past). */
  public boolean isAlive() {
    return alive;
  }

  /** The partitions this worker owns now. */
  public Set<TopicPartition> assignment() {
    return assigned;
  }

  /** Records this worker has finished (committed or dead-lettered) since it started. */
  public int completedRecords() {
    return completed.get();
  }

  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    log.info("lifecycle consumer closing; running jobs stop and their records stay uncommitted");
    running = false;
    consumer.wakeup();
    try {
      thread.join(STOP_WAIT.toMillis() * 2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    jobs.shutdownNow();
  }

  private void loop() {
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      while (running) {
        try {
          pollOnce();
        } catch (WakeupException e) {
          throw e;
        } catch (KafkaException | IllegalStateException e) {
          // the broker is unreachable or the group is rebalancing: keep going, uncommitted
          // records come back
          log.warn("lifecycle consumer loop: {}", e.toString());
          Thread.sleep(1000);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("lifecycle consumer stopped", e);
    } finally {
      alive = false;
      release(new ArrayList<>(partitions.keySet()), true);
      try {
        consumer.close(Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        log.warn("closing the consumer failed: {}", e.toString());
      }
    }
  }

  private void pollOnce() {
    ConsumerRecords<String, String> records = consumer.poll(POLL);
    for (TopicPartition tp : records.partitions()) {
      PartitionWork work = partitions.get(tp);
      if (work != null) {
        for (ConsumerRecord<String, String> record : records.records(tp)) {
          accept(work, Work.of(record));
        }
      }
    }
    applyCompletions();
    startJobs();
    updatePauses();
  }

  /** Queues a fetched record; a delete of what is running stops it now, not after it ends. */
  private void accept(PartitionWork work, Work next) {
    work.pending.addLast(next);
    Running current = work.running;
    if (current == null || current.work().event() == null || next.event() == null) {
      return;
    }
    String assetId = current.work().event().assetId();
    if (next.deletesAsset(assetId)) {
      log.info("asset {} deleted while its job runs: stopping the job", assetId);
      current.control().stop(JobControl.StopReason.ASSET_DELETED);
    }
    String config = next.deletedConfiguration(assetId);
    if (config != null) {
      current.control().stopConfiguration(config);
    }
  }

  private void startJobs() {
    long now = System.nanoTime();
    int busy = 0;
    for (PartitionWork work : partitions.values()) {
      if (work.running != null) {
        busy++;
      }
    }
    for (Map.Entry<TopicPartition, PartitionWork> entry : partitions.entrySet()) {
      PartitionWork work = entry.getValue();
      while (busy < concurrency
          && work.running == null
          && !work.pending.isEmpty()
          && now - work.retryAtNanos >= 0) {
        Work next = work.pending.pollFirst();
        if (supersededByDelete(next, work.pending)) {
          // a later record deletes this asset: packaging it now would be thrown away
          commit(entry.getKey(), next);
          continue;
        }
        work.running = submit(entry.getKey(), next, work.pending);
        busy++;
      }
    }
  }

  private static boolean supersededByDelete(Work next, Deque<Work> later) {
    if (!next.packages()) {
      return false;
    }
    String assetId = next.event().assetId();
    return later.stream().anyMatch(w -> w.deletesAsset(assetId));
  }

  private Running submit(TopicPartition tp, Work work, Deque<Work> later) {
    JobControl control = new JobControl();
    if (work.event() != null) {
      String assetId = work.event().assetId();
      for (Work w : later) {
        String config = w.deletedConfiguration(assetId);
        if (config != null) {
          control.stopConfiguration(config);
        }
      }
    }
    Future<?> future =
        jobs.submit(
            () -> {
              metrics.jobStarted();
              Throwable error = null;
              try {
                if (work.problem() != null) {
                  deadLetter(work, work.problem());
                } else {
                  handler.handle(work.event(), control);
                }
              } catch (Throwable e) {
                error = e;
              } finally {
                metrics.jobEnded(outcome(error));
              }
              completions.add(new Completion(tp, work, control, error));
            });
    return new Running(work, control, future);
  }

  private void deadLetter(Work work, String cause) throws Exception {
    log.warn(
        "lifecycle record {}-{}@{} goes to the dead-letter topic: {}",
        work.record().topic(),
        work.record().partition(),
        work.offset(),
        cause);
    deadLetters.publish(work.record(), cause).get(60, TimeUnit.SECONDS);
    metrics.deadLettered();
  }

  private static String outcome(Throwable error) {
    if (error == null) {
      return "done";
    }
    if (error instanceof JobStoppedException stopped) {
      return stopped.reason() == JobControl.StopReason.ASSET_DELETED ? "deleted" : "released";
    }
    return "retry";
  }

  /** Commits finished records; schedules a retry of records whose job failed. */
  private void applyCompletions() {
    Completion c;
    while ((c = completions.poll()) != null) {
      PartitionWork work = partitions.get(c.partition());
      if (work == null || work.running == null || work.running.control() != c.control()) {
        continue; // the partition was released meanwhile; its new owner redoes the record
      }
      work.running = null;
      Throwable error = c.error();
      if (error == null
          || (error instanceof JobStoppedException s
              && s.reason() == JobControl.StopReason.ASSET_DELETED)) {
        work.failures = 0;
        commit(c.partition(), c.work());
      } else if (error instanceof JobStoppedException) {
        // released (revoked or closing): not committed, the partition's next owner redoes it
        continue;
      } else {
        work.failures++;
        log.warn(
            "job of {}@{} failed ({} of {}): {}",
            c.partition(),
            c.work().offset(),
            work.failures,
            MAX_JOB_FAILURES,
            error.toString());
        if (work.failures >= MAX_JOB_FAILURES) {
          work.failures = 0;
          work.pending.clear();
          Work failed = c.work();
          String cause = "job failed " + MAX_JOB_FAILURES + " times: " + error;
          work.pending.addFirst(new Work(failed.record(), null, cause));
          consumer.seek(c.partition(), failed.offset() + 1);
        } else {
          retryLater(
              c.partition(), work, c.work(), Duration.ofMillis(500L << Math.min(6, work.failures)));
        }
      }
    }
  }

  /** Forgets what was fetched after the record and reads again from it after {@code delay}. */
  private void retryLater(TopicPartition tp, PartitionWork work, Work failed, Duration delay) {
    work.pending.clear();
    work.retryAtNanos = System.nanoTime() + delay.toNanos();
    consumer.seek(tp, failed.offset());
  }

  private void commit(TopicPartition tp, Work done) {
    try {
      consumer.commitSync(Map.of(tp, new OffsetAndMetadata(done.offset() + 1)));
      completed.incrementAndGet();
    } catch (KafkaException e) {
      // the group moved on (rebalance): the new owner redoes the record, ids stay the same
      log.warn("commit of {}@{} failed: {}", tp, done.offset(), e.toString());
    }
  }

  private void updatePauses() {
    Set<TopicPartition> pause = new HashSet<>();
    Set<TopicPartition> resume = new HashSet<>();
    for (Map.Entry<TopicPartition, PartitionWork> entry : partitions.entrySet()) {
      PartitionWork work = entry.getValue();
      boolean full = work.pending.size() >= maxPending;
      if (full && !work.paused) {
        pause.add(entry.getKey());
        work.paused = true;
      } else if (!full && work.paused) {
        resume.add(entry.getKey());
        work.paused = false;
      }
    }
    if (!pause.isEmpty()) {
      consumer.pause(pause);
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
  }

  /**
   * Stops the jobs of partitions this worker gives up and waits for them, so two workers never
   * package one asset at once. Finished records are committed first when {@code commit}.
   */
  private void release(Collection<TopicPartition> released, boolean commit) {
    List<Future<?>> stopping = new ArrayList<>();
    for (TopicPartition tp : released) {
      PartitionWork work = partitions.get(tp);
      if (work != null && work.running != null) {
        work.running.control().stop(JobControl.StopReason.RELEASED);
        stopping.add(work.running.future());
      }
    }
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    for (Future<?> f : stopping) {
      try {
        f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        log.warn("a stopped job did not end in time: {}", e.toString());
      }
    }
    if (commit) {
      applyCompletions();
    }
    released.forEach(partitions::remove);
    assigned = Set.copyOf(partitions.keySet());
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      if (!revoked.isEmpty()) {
        log.info("partitions revoked: {}", revoked);
      }
      release(revoked, true);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      log.info("partitions lost: {}", lost);
      release(lost, false);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> added) {
      if (!added.isEmpty()) {
        log.info("partitions assigned: {}", added);
      }
      for (TopicPartition tp : added) {
        partitions.putIfAbsent(tp, new PartitionWork());
      }
      assigned = Set.copyOf(partitions.keySet());
    }
  }
}
