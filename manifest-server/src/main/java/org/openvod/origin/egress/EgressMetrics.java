package org.openvod.origin.egress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * MediaPackage's VOD egress metrics (EgressBytes, EgressRequestCount, EgressResponseTime; §8.2) by
 * packaging configuration id and status class, as Prometheus series: {@code
 * openvod_egress_bytes_total}, {@code openvod_egress_requests_total} and {@code
 * openvod_egress_response_time_seconds}. Meters are looked up once per (configuration, class).
 */
public final class EgressMetrics {

  /** Configuration tag of requests that matched no known configuration. */
  public static final String NO_CONFIGURATION = "none";

  private record Meters(Counter bytes, Counter requests, Timer time) {}

  private final MeterRegistry registry;

  /** Per configuration id, meters by status class (index 1..5). */
  private final ConcurrentHashMap<String, Meters[]> meters = new ConcurrentHashMap<>();

  public EgressMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(String configurationId, int status, long sentBytes, long nanos) {
    String configuration = configurationId == null ? NO_CONFIGURATION : configurationId;
    int statusClass = Math.min(Math.max(status / 100, 1), 5);
    Meters[] byClass = meters.get(configuration);
    if (byClass == null) {
      byClass = meters.computeIfAbsent(configuration, c -> new Meters[6]);
    }
    Meters m = byClass[statusClass];
    if (m == null) {
      m = create(configuration, statusClass); // registering again returns the same meters
      byClass[statusClass] = m;
    }
    m.requests().increment();
    if (sentBytes > 0) {
      m.bytes().increment(sentBytes);
    }
    m.time().record(nanos, TimeUnit.NANOSECONDS);
  }

  private Meters create(String configuration, int statusClass) {
    String range = statusClass + "xx";
    return new Meters(
        Counter.builder("openvod.egress.bytes")
            .description("Bytes of response bodies sent to players and CDNs")
            .baseUnit("bytes")
            .tag("packaging_configuration", configuration)
            .tag("status_code_range", range)
            .register(registry),
        Counter.builder("openvod.egress.requests")
            .description("Playback requests answered")
            .tag("packaging_configuration", configuration)
            .tag("status_code_range", range)
            .register(registry),
        Timer.builder("openvod.egress.response.time")
            .description("Time from request to the last byte of the response")
            .tag("packaging_configuration", configuration)
            .tag("status_code_range", range)
            .register(registry));
  }
}
