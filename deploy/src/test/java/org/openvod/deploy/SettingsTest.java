package org.openvod.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static final Path HOME = Path.of("/opt/openvod");

  @Test
  void defaultsMatchTheReadme() {
    Settings s = Settings.from(Map.of(), HOME);
    assertThat(s.dataDir()).isEqualTo(Path.of("/opt/openvod/.vod-data"));
    assertThat(s.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(s.s3Endpoint()).isEqualTo("http://127.0.0.1:9000");
    assertThat(s.apiEndpoint()).isEqualTo("http://127.0.0.1:8080");
    assertThat(s.publicUrl()).isEqualTo("http://127.0.0.1:8081");
    assertThat(s.workerPort()).isEqualTo(8082);
    assertThat(s.buckets()).containsExactly("vod-sources", "vod-output");
    assertThat(s.serviceEnvironment())
        .containsEntry("VOD_ACCESS_KEY_ID", "vod-local")
        .containsEntry("VOD_SECRET_ACCESS_KEY", "vod-local-secret")
        .containsEntry("VOD_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
        .containsEntry(
            "VOD_SPEKE_TRUSTED_CERTIFICATES", "/opt/openvod/.vod-data/keys/tls-cert.pem");
    assertThat(s.keysPort()).isEqualTo(8083);
    assertThat(s.keysSpekeUrl()).isEqualTo("https://127.0.0.1:8084/speke");
    assertThat(s.keysPublicUrl()).isEqualTo("http://127.0.0.1:8083");
  }

  @Test
  void movedPortsReachTheServicesAndThePublicUrl() {
    Settings s =
        Settings.from(
            Map.of(
                "VOD_KAFKA_PORT", "19092",
                "VOD_S3_PORT", "19000",
                "VOD_ORIGIN_PORT", "18081",
                "VOD_KEYS_PORT", "18083",
                "VOD_KEYS_TLS_PORT", "18084",
                "VOD_DATA_DIR", "/var/vod",
                "VOD_SOURCE_BUCKETS", "a, b,vod-output"),
            HOME);
    assertThat(s.dataDir()).isEqualTo(Path.of("/var/vod"));
    assertThat(s.serviceEnvironment())
        .containsEntry("VOD_KAFKA_BOOTSTRAP", "127.0.0.1:19092")
        .containsEntry("VOD_S3_ENDPOINT", "http://127.0.0.1:19000")
        .containsEntry("VOD_ORIGIN_PORT", "18081")
        .containsEntry("VOD_PUBLIC_URL", "http://127.0.0.1:18081")
        .containsEntry("VOD_DATA_DIR", "/var/vod");
    assertThat(s.buckets()).containsExactly("a", "b", "vod-output");
    assertThat(s.keysPublicUrl()).isEqualTo("http://127.0.0.1:18083");
    assertThat(s.keysSpekeUrl()).isEqualTo("https://127.0.0.1:18084/speke");
  }

  @Test
  void aBadPortNamesItsVariable() {
    assertThatThrownBy(() -> Settings.from(Map.of("VOD_API_PORT", "80a"), HOME))
        .isInstanceOf(LaunchException.class)
        .hasMessageContaining("VOD_API_PORT")
        .hasMessageContaining("80a");
    assertThatThrownBy(() -> Settings.from(Map.of("VOD_S3_PORT", "70000"), HOME))
        .hasMessageContaining("VOD_S3_PORT");
  }
}
