package org.openvod.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openvod.events.model.EgressAccessLogs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Groups with egress access logging get one JSON line per request in their log group's file. */
class EgressAccessLogTest extends OriginIntegrationTest {

  static final byte[] PLAYLIST = "#EXTM3U\n#EXT-X-ENDLIST\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void eachRequestIsOneJsonLineWithTheDocumentedFields() throws Exception {
    String logGroup = "/aws/MediaPackage/test-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] segment = bytes(3000, 11);
    Published p = playable(null, new EgressAccessLogs(logGroup), files(segment));
    Path file = LOG_DIR.resolve(logGroup.substring(1).replace('/', '_') + ".log");

    get(p.path("seg_1.ts"), "User-Agent", "test-player/1.0");
    get(p.path("missing.ts"), "User-Agent", "test-player/1.0");

    List<JsonNode> lines = awaitLines(file, "test-player/1.0", 2);
    JsonNode ok =
        lines.stream()
            .filter(l -> l.get("request").asString().endsWith("seg_1.ts"))
            .findFirst()
            .orElseThrow();
    assertThat(ok.get("statusCode").asInt()).isEqualTo(200);
    assertThat(ok.get("sentBytes").asLong()).isEqualTo(segment.length);
    assertThat(ok.get("receivedBytes").asLong()).isPositive();
    assertThat(ok.get("method").asString()).isEqualTo("GET");
    assertThat(ok.get("protocol").asString()).isEqualTo("HTTP/1.1");
    assertThat(ok.get("userAgent").asString()).isEqualTo("test-player/1.0");
    assertThat(ok.get("clientIp").asString()).isEqualTo("127.0.0.1");
    assertThat(ok.get("processingTime").asDouble()).isBetween(0.0, 10.0);
    assertThat(Instant.parse(ok.get("timestamp").asString()))
        .isBefore(Instant.now().plusSeconds(1));
    assertThat(ok.get("request").asString())
        .isEqualTo("http://127.0.0.1:" + port + p.path("seg_1.ts"));
    assertThat(ok.get("domainName").asString()).isEqualTo("127.0.0.1:" + port);
    assertThat(ok.get("requestId").asString()).isNotBlank();
    assertThat(ok.get("account").asString()).isEqualTo(ACCOUNT);
    assertThat(ok.get("assetArn").asString()).isEqualTo(p.asset().arn());
    assertThat(ok.get("assetId").asString()).isEqualTo(p.asset().asset().id());
    assertThat(ok.get("packagingConfigArn").asString()).isEqualTo(p.configuration().arn());
    assertThat(ok.get("packagingConfigId").asString())
        .isEqualTo(p.configuration().configuration().id());
    assertThat(ok.get("packagingGroupId").asString()).isEqualTo(p.group().id());

    JsonNode missing =
        lines.stream()
            .filter(l -> l.get("request").asString().endsWith("missing.ts"))
            .findFirst()
            .orElseThrow();
    assertThat(missing.get("statusCode").asInt()).isEqualTo(404);
    assertThat(missing.get("sentBytes").asLong()).isZero();
  }

  @Test
  void groupsWithoutLoggingWriteNothing() throws Exception {
    Published p = playable(null, null, Map.of("index.m3u8", PLAYLIST));
    get(p.path("index.m3u8"));
    Thread.sleep(500);
    if (Files.isDirectory(LOG_DIR)) {
      try (var files = Files.list(LOG_DIR)) {
        for (Path f : files.toList()) {
          assertThat(Files.readString(f)).doesNotContain(p.assetHex());
        }
      }
    }
  }

  private static Map<String, byte[]> files(byte[] segment) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("index.m3u8", PLAYLIST);
    files.put("seg_1.ts", segment);
    return files;
  }

  /** The file's lines once {@code count} of them contain the marker. */
  private static List<JsonNode> awaitLines(Path file, String marker, int count) throws IOException {
    JsonMapper mapper = JsonMapper.builder().build();
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<String> lines = List.of();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        lines = Files.readAllLines(file);
        if (lines.stream().filter(l -> l.contains(marker)).count() >= count) {
          break;
        }
      }
      sleep(50);
    }
    assertThat(lines.stream().filter(l -> l.contains(marker)))
        .as("log lines %s", lines)
        .hasSize(count);
    return lines.stream().map(mapper::readTree).toList();
  }
}
