package org.openvod.ingest.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvod.ingest.encryption.Configurations.audio;
import static org.openvod.ingest.encryption.Configurations.provider;
import static org.openvod.ingest.encryption.Configurations.subtitle;
import static org.openvod.ingest.encryption.Configurations.video;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvod.engine.encrypt.DrmSignal;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.encrypt.ProtectionKey;
import org.openvod.events.model.CmafEncryption;
import org.openvod.events.model.EncryptionContractConfiguration;
import org.openvod.events.model.HlsEncryption;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.ingest.speke.DrmSystems;
import org.openvod.ingest.speke.SpekeClient;
import org.openvod.ingest.speke.SpekeException;
import org.openvod.ingest.speke.TestKeyServer;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Keys from a SPEKE server written from the specification, mapped onto tracks. */
class ContentKeySourceTest {

  private TestKeyServer server;
  private ContentKeySource source;

  @BeforeEach
  void start() throws Exception {
    server = new TestKeyServer();
    source =
        new ContentKeySource(
            new SpekeClient(
                HttpClient.newHttpClient(),
                new SpekeClient.Retry(2, Duration.ofMillis(20), Duration.ofSeconds(5))),
            KeyServerCredentials.parse(
                "{\""
                    + Configurations.ROLE
                    + "\": {\"headerName\": \"x-api-key\", \"headerValue\": \"local-key\"}}"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void speke1GivesOneKeyToEveryTrackWithTheHlsKeyUri() {
    PackagingConfiguration config =
        Configurations.hls(
            "hls-aes",
            new HlsEncryption(
                null,
                "AES_128",
                provider(
                    server.uri("/speke").toString(), null, DrmSystems.HLS_AES_128.toString())));
    EncryptionSpec spec = source.encryptionFor(Configurations.asset("asset-1", "title-42"), config);

    assertThat(spec.mode()).isEqualTo(EncryptionMode.AES_128);
    assertThat(spec.constantIv()).isNull();
    Element root = server.lastRequest.getDocumentElement();
    assertThat(root.getAttribute("id")).as("content id = resourceId").isEqualTo("title-42");
    assertThat(server.lastHeaders.getFirst("x-api-key")).isEqualTo("local-key");
    UUID kid = KeyIds.forRequest("asset-1", "hls-aes", spec(config).keyRequest("x")).get(0);
    assertThat(kids(root)).containsExactly(kid.toString());

    ProtectionKey key = spec.keys().forTrack(video(1920, 1080));
    assertThat(spec.keys().forTrack(audio(6))).isSameAs(key);
    assertThat(spec.keys().forTrack(subtitle())).isSameAs(key);
    assertThat(key.key().keyIdUuid()).isEqualTo(kid);
    assertThat(key.key().key()).isEqualTo(server.keys.get(kid));
    assertThat(key.key().iv()).hasSize(16);
    DrmSignal signal = key.signals().get(0);
    assertThat(signal.systemId()).isEqualTo(DrmSystems.HLS_AES_128);
    assertThat(signal.hlsKeyUri()).isEqualTo(server.keyUri(kid));
    assertThat(signal.hlsKeyFormat()).isEqualTo("identity");
    assertThat(signal.hlsKeyFormatVersions()).isEqualTo("1");
  }

  @Test
  void speke2GivesEachResolutionAndChannelBandItsKeyAndLeavesUnencryptedTracksClear() {
    String url = server.uri("/speke").toString();
    PackagingConfiguration dash =
        Configurations.dash(
            "dash-v2",
            provider(
                url,
                new EncryptionContractConfiguration("PRESET-AUDIO-2", "PRESET-VIDEO-3"),
                DrmSystems.WIDEVINE.toString(),
                DrmSystems.PLAYREADY.toString()));
    EncryptionSpec spec = source.encryptionFor(Configurations.asset("asset-2", null), dash);

    assertThat(spec.mode()).isEqualTo(EncryptionMode.CENC);
    Element root = server.lastRequest.getDocumentElement();
    assertThat(root.getAttribute("contentId")).as("content id = asset id").isEqualTo("asset-2");
    List<UUID> expected = KeyIds.forRequest("asset-2", "dash-v2", spec(dash).keyRequest("x"));
    assertThat(kids(root))
        .containsExactlyElementsOf(expected.stream().map(UUID::toString).toList());

    List<UUID> used = new ArrayList<>();
    for (var track :
        List.of(video(640, 360), video(1920, 1080), video(3840, 2160), audio(2), audio(6))) {
      ProtectionKey key = spec.keys().forTrack(track);
      assertThat(key).as("key of " + track.kind() + " " + track.width()).isNotNull();
      used.add(key.key().keyIdUuid());
      assertThat(key.key().key()).isEqualTo(server.keys.get(key.key().keyIdUuid()));
      assertThat(key.signals())
          .extracting(DrmSignal::systemId)
          .containsExactlyInAnyOrder(DrmSystems.WIDEVINE, DrmSystems.PLAYREADY);
      DrmSignal widevine =
          key.signals().stream()
              .filter(s -> s.systemId().equals(DrmSystems.WIDEVINE))
              .findFirst()
              .orElseThrow();
      assertThat(widevine.pssh())
          .isEqualTo(TestKeyServer.pssh(DrmSystems.WIDEVINE, key.key().keyIdUuid()));
      // v2 sends whole EXT-X-KEY lines; their URI is what playlists need
      assertThat(widevine.hlsKeyUri()).isEqualTo(server.keyUri(key.key().keyIdUuid()));
    }
    assertThat(used).as("SD, HD, UHD, stereo, multichannel").doesNotHaveDuplicates();
    assertThat(spec.keys().forTrack(subtitle())).isNull();

    PackagingConfiguration videoOnly =
        Configurations.cmaf(
            "cmaf-v2",
            new CmafEncryption(
                "00112233445566778899aabbccddeeff",
                provider(
                    url,
                    new EncryptionContractConfiguration("UNENCRYPTED", "PRESET-VIDEO-1"),
                    DrmSystems.WIDEVINE.toString())));
    EncryptionSpec cbcs = source.encryptionFor(Configurations.asset("asset-2", null), videoOnly);
    assertThat(cbcs.mode()).isEqualTo(EncryptionMode.CBCS);
    assertThat(cbcs.constantIv()).hasSize(16);
    assertThat(cbcs.keys().forTrack(video(1280, 720))).isNotNull();
    assertThat(cbcs.keys().forTrack(audio(2))).isNull();
  }

  @Test
  void aRedoneJobAsksForTheSameKeyIds() {
    PackagingConfiguration config =
        Configurations.dash(
            "again",
            provider(server.uri("/speke").toString(), null, DrmSystems.WIDEVINE.toString()));
    source.encryptionFor(Configurations.asset("asset-3", null), config);
    List<String> first = kids(server.lastRequest.getDocumentElement());
    source.encryptionFor(Configurations.asset("asset-3", null), config);
    assertThat(kids(server.lastRequest.getDocumentElement())).isEqualTo(first);
  }

  @Test
  void refusalsCarryTheKeyServersMessage() {
    PackagingConfiguration config =
        Configurations.dash(
            "refused",
            provider(server.uri("/forbidden").toString(), null, DrmSystems.WIDEVINE.toString()));
    assertThatThrownBy(() -> source.encryptionFor(Configurations.asset("a", null), config))
        .isInstanceOf(SpekeException.class)
        .hasMessageContaining("403")
        .hasMessageContaining("User is not authorized");
  }

  private static EncryptionSettings spec(PackagingConfiguration config) {
    return EncryptionSettings.of(config);
  }

  private static List<String> kids(Element root) {
    NodeList keys = root.getElementsByTagNameNS(TestKeyServer.CPIX, "ContentKey");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < keys.getLength(); i++) {
      out.add(((Element) keys.item(i)).getAttribute("kid"));
    }
    return out;
  }
}
