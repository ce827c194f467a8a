package org.openvod.controlapi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.openvod.controlapi.command.PendingRequests;
import org.openvod.controlapi.kafka.KafkaRuntime;
import org.openvod.controlapi.state.ResourceView;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What operators see: health details and Prometheus gauges of the Kafka side. */
@Configuration(proxyBeanMethods = false)
public class ControlApiMonitoring {

  /** Health "controlApi": whether this instance decides, how far its view has read. */
  @Bean
  HealthIndicator controlApiHealthIndicator(
      KafkaRuntime runtime, ResourceView view, PendingRequests pending) {
    return () ->
        Health.up()
            .withDetail("decider", runtime.isDecider())
            .withDetail("resourcesOffset", view.position())
            .withDetail("pendingWrites", pending.size())
            .build();
  }

  @Bean
  MeterBinder controlApiGauges(KafkaRuntime runtime, ResourceView view, PendingRequests pending) {
    return registry -> {
      Gauge.builder("openvod.controlapi.decider", runtime, r -> r.isDecider() ? 1 : 0)
          .description("1 when this instance decides the commands, else 0")
          .register(registry);
      Gauge.builder("openvod.controlapi.resources.offset", view, ResourceView::position)
          .description("how far this instance's view has read the resources topic")
          .register(registry);
      Gauge.builder("openvod.controlapi.pending.writes", pending, PendingRequests::size)
          .description("writes waiting for their decision")
          .register(registry);
    };
  }
}
