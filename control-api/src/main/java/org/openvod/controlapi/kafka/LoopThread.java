package org.openvod.controlapi.kafka;

import java.time.Duration;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that runs one Kafka loop until closed. A failing iteration is logged and retried
 * after a pause, so a broker outage or a bug in one record never ends the service's loop.
 */
public abstract class LoopThread implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LoopThread.class);

  private final Thread thread;
  private volatile boolean running = true;

  protected LoopThread(String name) {
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  protected boolean running() {
    return running;
  }

  /** Runs until {@link #running()} turns false or it throws; called again after a failure. */
  protected abstract void loop() throws Exception;

  /** Interrupts a blocking poll (called from another thread on close). */
  protected abstract void wakeup();

  private void run() {
    while (running) {
      try {
        loop();
      } catch (WakeupException | InterruptException e) {
        if (running) {
          log.warn("{} woken up while running; restarting", thread.getName());
        }
      } catch (Exception e) {
        if (running) {
          log.error("{} failed; restarting in 1 s", thread.getName(), e);
          sleep(Duration.ofSeconds(1));
        }
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    wakeup();
    try {
      thread.join(Duration.ofSeconds(20).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
