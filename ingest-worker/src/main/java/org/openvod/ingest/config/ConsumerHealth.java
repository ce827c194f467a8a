package org.openvod.ingest.config;

import org.openvod.ingest.consumer.LifecycleConsumer;
import org.openvod.ingest.metrics.IngestMetrics;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** DOWN when the lifecycle consumer's loop has ended, so an orchestrator restarts the worker. */
@Component("lifecycleConsumerHealthIndicator")
class ConsumerHealth implements HealthIndicator {

  private final LifecycleConsumer consumer;
  private final IngestMetrics metrics;

  ConsumerHealth(LifecycleConsumer consumer, IngestMetrics metrics) {
    this.consumer = consumer;
    this.metrics = metrics;
  }

  @Override
  public Health health() {
    Health.Builder health = consumer.isAlive() ? Health.up() : Health.down();
    return health
        .withDetail("partitions", consumer.assignment().size())
        .withDetail("jobsInFlight", metrics.jobsInFlight())
        .build();
  }
}
