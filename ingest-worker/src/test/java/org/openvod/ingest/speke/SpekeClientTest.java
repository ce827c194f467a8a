package org.openvod.ingest.speke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvod.engine.encrypt.ContentKey;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SpekeClientTest {

  private static final List<UUID> SYSTEMS = List.of(DrmSystems.WIDEVINE, DrmSystems.PLAYREADY);

  private TestKeyServer server;
  private SpekeClient client;

  @BeforeEach
  void start() throws Exception {
    server = new TestKeyServer();
    client =
        new SpekeClient(
            HttpClient.newHttpClient(),
            new SpekeClient.Retry(3, Duration.ofMillis(20), Duration.ofMillis(700)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void v1AsksForOneKeyAndReadsKeyIvAndSignaling() {
    List<UUID> systems = List.of(DrmSystems.HLS_AES_128, DrmSystems.WIDEVINE);
    SpekeKeys keys = client.fetch(server.uri("/speke"), KeyRequest.v1("asset-1", systems));

    assertEquals("1.0", server.lastVersionHeader);
    Element root = server.lastRequest.getDocumentElement();
    assertEquals("asset-1", root.getAttribute("id"));
    assertEquals(TestKeyServer.CPIX, root.getNamespaceURI());
    assertEquals(1, count(root, "ContentKey"));
    assertEquals(2, count(root, "DRMSystem"));
    assertEquals(1, count(root, "ContentKeyUsageRule"));
    assertEquals(2, root.getElementsByTagNameNS(TestKeyServer.SPEKE, "KeyFormat").getLength());

    assertEquals(1, keys.keys().size());
    DeliveredKey delivered = keys.keys().get(0);
    ContentKey key = delivered.key();
    UUID kid = key.keyIdUuid();
    assertEquals(kid.toString(), attribute(root, "ContentKey", 0, "kid"));
    assertArrayEquals(server.keys.get(kid), key.key());
    assertArrayEquals(server.ivs.get(kid), key.iv());
    DrmSignaling hls = delivered.drm().get(DrmSystems.HLS_AES_128);
    assertEquals(server.keyUri(kid), hls.uriExtXKey());
    assertEquals("identity", hls.keyFormat());
    assertEquals("1", hls.keyFormatVersions());
    DrmSignaling widevine = delivered.drm().get(DrmSystems.WIDEVINE);
    assertArrayEquals(TestKeyServer.pssh(DrmSystems.WIDEVINE, kid), widevine.pssh());
    assertTrue(widevine.contentProtectionData().startsWith("<cenc:pssh>"));
    // v1: the one key protects every track
    assertEquals(delivered, keys.forVideo(3840, 2160).orElseThrow());
    assertEquals(delivered, keys.forAudio(6).orElseThrow());
  }

  @Test
  void v2AsksForOneKeyPerPresetTrackTypeAndMapsTracksToThem() {
    SpekeKeys keys =
        client.fetch(
            server.uri("/speke"),
            KeyRequest.v2("asset-2", SYSTEMS, "PRESET-VIDEO-3", "PRESET_AUDIO_2", "cenc"));

    assertEquals("2.0", server.lastVersionHeader);
    Element root = server.lastRequest.getDocumentElement();
    assertEquals("asset-2", root.getAttribute("contentId"));
    assertEquals("2.3", root.getAttribute("version"));
    assertEquals(5, count(root, "ContentKey"));
    assertEquals(10, count(root, "DRMSystem"));
    List<String> trackTypes = new ArrayList<>();
    NodeList rules = root.getElementsByTagNameNS(TestKeyServer.CPIX, "ContentKeyUsageRule");
    for (int i = 0; i < rules.getLength(); i++) {
      Element rule = (Element) rules.item(i);
      trackTypes.add(rule.getAttribute("intendedTrackType"));
      assertEquals(attribute(root, "ContentKey", i, "kid"), rule.getAttribute("kid"));
      assertEquals("cenc", attribute(root, "ContentKey", i, "commonEncryptionScheme"));
    }
    assertEquals(List.of("SD", "HD", "UHD", "STEREO_AUDIO", "MULTICHANNEL_AUDIO"), trackTypes);
    Element sd = (Element) rules.item(0);
    Element sdFilter =
        (Element) sd.getElementsByTagNameNS(TestKeyServer.CPIX, "VideoFilter").item(0);
    assertEquals("552960", sdFilter.getAttribute("maxPixels"));

    assertEquals(5, keys.keys().size());
    for (DeliveredKey key : keys.keys()) {
      assertArrayEquals(server.keys.get(key.key().keyIdUuid()), key.key().key());
      DrmSignaling widevine = key.drm().get(DrmSystems.WIDEVINE);
      assertArrayEquals(
          TestKeyServer.pssh(DrmSystems.WIDEVINE, key.key().keyIdUuid()), widevine.pssh());
      assertTrue(widevine.hlsSignalingMedia().startsWith("#EXT-X-KEY:"));
      assertTrue(widevine.hlsSignalingMaster().startsWith("#EXT-X-SESSION-KEY:"));
    }
    assertEquals("SD", keys.forVideo(960, 540).orElseThrow().rule().intendedTrackType());
    assertEquals("HD", keys.forVideo(1920, 1080).orElseThrow().rule().intendedTrackType());
    assertEquals("UHD", keys.forVideo(3840, 2160).orElseThrow().rule().intendedTrackType());
    assertEquals("STEREO_AUDIO", keys.forAudio(2).orElseThrow().rule().intendedTrackType());
    assertEquals("MULTICHANNEL_AUDIO", keys.forAudio(6).orElseThrow().rule().intendedTrackType());
  }

  @Test
  void sharedIsOneKeyForEverythingAndUnencryptedLeavesTracksClear() {
    SpekeKeys shared =
        client.fetch(server.uri("/speke"), KeyRequest.v2("a", SYSTEMS, "SHARED", "SHARED", "cbcs"));
    assertEquals(1, shared.keys().size());
    assertEquals("ALL", shared.keys().get(0).rule().intendedTrackType());
    assertEquals(shared.forVideo(1280, 720), shared.forAudio(2));

    SpekeKeys videoOnly =
        client.fetch(
            server.uri("/speke"),
            KeyRequest.v2("a", SYSTEMS, "PRESET-VIDEO-1", "UNENCRYPTED", "cbcs"));
    assertEquals(1, videoOnly.keys().size());
    assertTrue(videoOnly.forVideo(640, 360).isPresent());
    assertTrue(videoOnly.forAudio(2).isEmpty());
  }

  @Test
  void presetPairsTheApiRefusesAreRefusedByName() {
    IllegalArgumentException mixed =
        assertThrows(
            IllegalArgumentException.class,
            () -> EncryptionContract.rules("SHARED", "PRESET-AUDIO-1"));
    assertTrue(mixed.getMessage().contains("SHARED"));
    assertThrows(
        IllegalArgumentException.class,
        () -> EncryptionContract.rules("UNENCRYPTED", "UNENCRYPTED"));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> EncryptionContract.rules("PRESET-VIDEO-9", "PRESET-AUDIO-1"));
    assertTrue(unknown.getMessage().contains("presetSpeke20Video"));
    assertEquals(
        List.of("SD+HD1", "HD2", "UHD1", "UHD2"),
        EncryptionContract.rules("PRESET-VIDEO-8", "UNENCRYPTED").stream()
            .map(KeyRule::intendedTrackType)
            .toList());
  }

  @Test
  void aForbiddenAnswerFailsAtOnceWithTheServersMessage() {
    SpekeException e =
        assertThrows(
            SpekeException.class,
            () -> client.fetch(server.uri("/forbidden"), KeyRequest.v1("a", SYSTEMS)));
    assertEquals(403, e.status());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("User is not authorized"), e.getMessage());
  }

  @Test
  void malformedXmlIsAClearFinalError() {
    SpekeException e =
        assertThrows(
            SpekeException.class,
            () -> client.fetch(server.uri("/malformed"), KeyRequest.v1("a", SYSTEMS)));
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("malformed key server answer"), e.getMessage());
  }

  @Test
  void aDoctypeIsRefusedSoTheAnswerCannotReadLocalFiles() {
    SpekeException e =
        assertThrows(
            SpekeException.class,
            () -> client.fetch(server.uri("/doctype"), KeyRequest.v1("a", SYSTEMS)));
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
  }

  @Test
  void aMissingKeyNamesTheKid() {
    SpekeException e =
        assertThrows(
            SpekeException.class,
            () ->
                client.fetch(
                    server.uri("/missing"),
                    KeyRequest.v2("a", SYSTEMS, "PRESET-VIDEO-1", "PRESET-AUDIO-1", "cenc")));
    Element root = server.lastRequest.getDocumentElement();
    String secondKid = attribute(root, "ContentKey", 1, "kid");
    assertTrue(e.getMessage().contains(secondKid), e.getMessage());
    assertTrue(e.getMessage().contains("PlainValue"), e.getMessage());
  }

  @Test
  void transientFailuresAreRetried() {
    SpekeKeys keys = client.fetch(server.uri("/flaky"), KeyRequest.v1("a", SYSTEMS));
    assertEquals(3, server.calls.get());
    assertEquals(1, keys.keys().size());
  }

  @Test
  void aTimeoutIsRetried() {
    SpekeKeys keys = client.fetch(server.uri("/slow"), KeyRequest.v1("a", SYSTEMS));
    assertEquals(2, server.calls.get());
    assertNull(keys.keys().get(0).rule());
  }

  @Test
  void aServerThatStaysDownFailsAfterTheLastAttempt() {
    SpekeException e =
        assertThrows(
            SpekeException.class,
            () -> client.fetch(server.uri("/down"), KeyRequest.v1("a", SYSTEMS)));
    assertEquals(500, e.status());
    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("internal failure"), e.getMessage());
    assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
  }

  private static int count(Element root, String name) {
    return root.getElementsByTagNameNS(TestKeyServer.CPIX, name).getLength();
  }

  private static String attribute(Element root, String name, int index, String attribute) {
    return ((Element) root.getElementsByTagNameNS(TestKeyServer.CPIX, name).item(index))
        .getAttribute(attribute);
  }
}
