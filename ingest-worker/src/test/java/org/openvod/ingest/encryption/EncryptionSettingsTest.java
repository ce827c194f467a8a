package org.openvod.ingest.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvod.ingest.encryption.Configurations.provider;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.events.model.CmafEncryption;
import org.openvod.events.model.EncryptionContractConfiguration;
import org.openvod.events.model.HlsEncryption;
import org.openvod.ingest.speke.DrmSystems;
import org.openvod.ingest.speke.KeyRequest;
import org.openvod.ingest.speke.SpekeVersion;

/** MediaPackage's encryption settings to engine modes and SPEKE requests; stable key ids. */
class EncryptionSettingsTest {

  static final String URL = "https://keys.example.com/speke";
  static final String AES = DrmSystems.HLS_AES_128.toString();
  static final String WIDEVINE = DrmSystems.WIDEVINE.toString();

  @Test
  void eachPackageKindHasItsMode() {
    EncryptionSettings hls =
        EncryptionSettings.of(
            Configurations.hls("h", new HlsEncryption(null, null, provider(URL, null, AES))));
    assertThat(hls.mode()).isEqualTo(EncryptionMode.AES_128);
    assertThat(hls.constantIv()).isNull();
    assertThat(hls.keyRequest("content").version()).isEqualTo(SpekeVersion.V1);
    assertThat(hls.keyRequest("content").systemIds()).containsExactly(DrmSystems.HLS_AES_128);
    assertThat(
            EncryptionSettings.of(
                    Configurations.hls(
                        "h",
                        new HlsEncryption(
                            "00112233445566778899aabbccddeeff",
                            "SAMPLE_AES",
                            provider(URL, null, AES))))
                .mode())
        .isEqualTo(EncryptionMode.SAMPLE_AES);

    EncryptionSettings cmaf =
        EncryptionSettings.of(
            Configurations.cmaf(
                "c",
                new CmafEncryption(
                    "00112233445566778899AABBCCDDEEFF",
                    provider(
                        URL,
                        new EncryptionContractConfiguration("PRESET-AUDIO-1", "PRESET-VIDEO-2"),
                        WIDEVINE))));
    assertThat(cmaf.mode()).isEqualTo(EncryptionMode.CBCS);
    assertThat(cmaf.constantIv())
        .isEqualTo(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"));
    KeyRequest v2 = cmaf.keyRequest("content");
    assertThat(v2.version()).isEqualTo(SpekeVersion.V2);
    assertThat(v2.commonEncryptionScheme()).isEqualTo("cbcs");
    assertThat(v2.keyCount()).isEqualTo(3); // SD, HD, AUDIO

    EncryptionSettings dash =
        EncryptionSettings.of(
            Configurations.dash(
                "d",
                provider(URL, new EncryptionContractConfiguration("SHARED", "SHARED"), WIDEVINE)));
    assertThat(dash.mode()).isEqualTo(EncryptionMode.CENC);
    assertThat(dash.keyRequest("content").commonEncryptionScheme()).isEqualTo("cenc");
    assertThat(EncryptionSettings.of(Configurations.mss("m", provider(URL, null, WIDEVINE))).mode())
        .isEqualTo(EncryptionMode.CENC);
    assertThat(EncryptionSettings.of(Configurations.hls("clear", null))).isNull();
  }

  @Test
  void unusableSettingsAreNamedByField() {
    assertThatThrownBy(
            () ->
                EncryptionSettings.of(
                    Configurations.hls(
                        "h", new HlsEncryption("0011", null, provider(URL, null, AES)))))
        .hasMessageContaining("hlsPackage.encryption.constantInitializationVector")
        .hasMessageContaining("32 hex digits");
    assertThatThrownBy(
            () ->
                EncryptionSettings.of(
                    Configurations.hls(
                        "h", new HlsEncryption(null, "AES_256", provider(URL, null, AES)))))
        .hasMessageContaining("encryptionMethod");
    assertThatThrownBy(
            () ->
                EncryptionSettings.of(
                    Configurations.mss(
                        "m",
                        provider(
                            URL,
                            new EncryptionContractConfiguration("PRESET-AUDIO-1", "PRESET-VIDEO-1"),
                            WIDEVINE))))
        .hasMessageContaining("mssPackage.encryption.spekeKeyProvider")
        .hasMessageContaining("DASH and CMAF only");
    assertThatThrownBy(
            () -> EncryptionSettings.of(Configurations.dash("d", provider(URL, null, "widevine"))))
        .hasMessageContaining("systemIds[0]");
    assertThatThrownBy(
            () ->
                EncryptionSettings.of(
                    Configurations.dash("d", provider("ftp://keys", null, WIDEVINE))))
        .hasMessageContaining("dashPackage.encryption.spekeKeyProvider.url");
  }

  @Test
  void keyIdsDependOnlyOnAssetConfigurationAndRule() {
    KeyRequest v2 =
        KeyRequest.v2(
            "c", List.of(DrmSystems.WIDEVINE), "PRESET-VIDEO-3", "PRESET-AUDIO-1", "cenc");
    List<java.util.UUID> first = KeyIds.forRequest("asset-1", "config-1", v2);
    assertThat(first).hasSize(4).doesNotHaveDuplicates();
    assertThat(KeyIds.forRequest("asset-1", "config-1", v2)).isEqualTo(first);
    assertThat(KeyIds.forRequest("asset-2", "config-1", v2)).doesNotContainAnyElementsOf(first);
    assertThat(KeyIds.forRequest("asset-1", "config-2", v2)).doesNotContainAnyElementsOf(first);
    KeyRequest v1 = KeyRequest.v1("c", List.of(DrmSystems.WIDEVINE));
    assertThat(KeyIds.forRequest("asset-1", "config-1", v1))
        .hasSize(1)
        .doesNotContainAnyElementsOf(first);
  }

  @Test
  void credentialsMapRolesToHeaders() {
    KeyServerCredentials credentials =
        KeyServerCredentials.parse(
            "{\"arn:aws:iam::1:role/a\": {\"headerName\": \"x-api-key\", \"headerValue\": \"k1\"},"
                + " \"arn:aws:iam::1:role/b\": {\"username\": \"u\", \"password\": \"p:w\"},"
                + " \"*\": {\"headerName\": \"Authorization\", \"headerValue\": \"Bearer t\"}}");
    assertThat(credentials.headersFor("arn:aws:iam::1:role/a"))
        .isEqualTo(Map.of("x-api-key", "k1"));
    assertThat(credentials.headersFor("arn:aws:iam::1:role/b"))
        .isEqualTo(
            Map.of(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("u:p:w".getBytes(StandardCharsets.UTF_8))));
    assertThat(credentials.headersFor("arn:aws:iam::1:role/other"))
        .isEqualTo(Map.of("Authorization", "Bearer t"));
    assertThat(KeyServerCredentials.parse("").headersFor("arn:aws:iam::1:role/a")).isEmpty();

    assertThatThrownBy(
            () -> KeyServerCredentials.parse("{\"arn:r\": {\"headerName\": \"x-api-key\"}}"))
        .hasMessageContaining("openvod.speke.credentials[\"arn:r\"]")
        .hasMessageContaining("headerName and headerValue");
    assertThatThrownBy(
            () -> KeyServerCredentials.parse("{\"arn:r\": {\"token\": \"secret-value\"}}"))
        .hasMessageContaining("unknown field token")
        .hasMessageNotContaining("secret-value");
    assertThatThrownBy(() -> KeyServerCredentials.parse("[1,2]"))
        .hasMessageContaining("openvod.speke.credentials must be a JSON object");
  }
}
