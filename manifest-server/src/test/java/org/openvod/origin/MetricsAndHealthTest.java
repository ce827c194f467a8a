package org.openvod.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Egress metrics per configuration and status class on /actuator/prometheus; health is UP. */
class MetricsAndHealthTest extends OriginIntegrationTest {

  @Test
  void egressMetricsByConfigurationAndStatusClass() {
    byte[] segment = bytes(4321, 12);
    Published p =
        playable(
            null,
            null,
            new java.util.LinkedHashMap<>(
                Map.of(
                    "index.m3u8", "#EXTM3U\n".getBytes(StandardCharsets.UTF_8), "s.ts", segment)));
    String config = p.configuration().configuration().id();
    // playable() probed the path until it answered, so measure from here
    String before = get("/actuator/prometheus").text();
    for (int i = 0; i < 3; i++) {
      get(p.path("s.ts"));
    }
    get(p.path("missing.ts"));

    String metrics = get("/actuator/prometheus").text();
    assertThat(delta(before, metrics, "openvod_egress_requests_total", config, "4xx")).isEqualTo(1);
    assertThat(delta(before, metrics, "openvod_egress_requests_total", config, "2xx")).isEqualTo(3);
    assertThat(delta(before, metrics, "openvod_egress_bytes_total", config, "2xx"))
        .isEqualTo(3.0 * segment.length);
    assertThat(delta(before, metrics, "openvod_egress_response_time_seconds_count", config, "2xx"))
        .isEqualTo(3);
    assertThat(metrics).contains("openvod_origin_s3_gets_total");
  }

  @Test
  void healthIsUpOnceTheRoutingViewIsLoaded() {
    String health = get("/actuator/health").text();
    assertThat(health).contains("\"status\":\"UP\"");
  }

  private static double delta(
      String before, String after, String name, String config, String range) {
    return value(after, name, config, range) - value(before, name, config, range);
  }

  /** A series' value, 0 when the series does not exist (yet). */
  private static double value(String metrics, String name, String config, String range) {
    Pattern line = Pattern.compile("^" + name + "\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(metrics);
    while (m.find()) {
      String labels = m.group(1);
      if (labels.contains("packaging_configuration=\"" + config + "\"")
          && labels.contains("status_code_range=\"" + range + "\"")) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }
}
