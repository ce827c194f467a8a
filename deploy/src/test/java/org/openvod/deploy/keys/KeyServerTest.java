package org.openvod.deploy.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvod.deploy.Ports;
import org.openvod.events.Json;
import org.openvod.ingest.speke.DeliveredKey;
import org.openvod.ingest.speke.DrmSignaling;
import org.openvod.ingest.speke.DrmSystems;
import org.openvod.ingest.speke.KeyRequest;
import org.openvod.ingest.speke.SpekeClient;
import org.openvod.ingest.speke.SpekeException;
import org.openvod.ingest.speke.SpekeKeys;

/**
 * The built-in key server against the worker's own SPEKE client, over HTTPS with its self-signed
 * certificate trusted (and nothing else): v1 and v2, Clear Key and HLS AES-128 signaling, refusals;
 * then the key URI and the Clear Key license endpoint players use.
 */
class KeyServerTest {

  static final UUID CLEAR_KEY = UUID.fromString("e2719d58-a985-b3c9-781a-b030af78d30e");

  // one directory for the class: the certificate is made once (keytool takes a second or two)
  @TempDir static Path dir;
  KeyServer server;
  SpekeClient client;
  HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = startServer();
    client =
        new SpekeClient(
            HttpClient.newBuilder().sslContext(trusting(server.certificatePem())).build(),
            new SpekeClient.Retry(1, Duration.ofMillis(10), Duration.ofSeconds(10)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  KeyServer startServer() throws Exception {
    int port = Ports.freePort();
    return KeyServer.start(dir, port, Ports.freePort(), "http://127.0.0.1:" + port);
  }

  @Test
  void speke1AnswersKeyIvAndSignalingForClearKeyAndHlsAes128() throws Exception {
    SpekeKeys keys =
        client.fetch(
            server.spekeUrl(),
            KeyRequest.v1("title-1", List.of(CLEAR_KEY, DrmSystems.HLS_AES_128)));
    DeliveredKey key = keys.keys().get(0);
    UUID kid = key.key().keyIdUuid();
    assertThat(key.key().iv()).hasSize(16);

    DrmSignaling hls = key.drm().get(DrmSystems.HLS_AES_128);
    assertThat(hls.uriExtXKey()).isEqualTo(server.httpUrl() + "/keys/" + kid);
    assertThat(hls.keyFormat()).isEqualTo("identity");
    assertThat(hls.keyFormatVersions()).isEqualTo("1");
    assertThat(get(URI.create(hls.uriExtXKey())).body()).isEqualTo(key.key().key());

    DrmSignaling clearKey = key.drm().get(CLEAR_KEY);
    ByteBuffer pssh = ByteBuffer.wrap(clearKey.pssh());
    assertThat(pssh.getInt()).isEqualTo(clearKey.pssh().length);
    assertThat(pssh.getInt()).isEqualTo(0x70737368); // 'pssh'
    assertThat(pssh.getInt()).as("version 1").isEqualTo(0x01000000);
    assertThat(new UUID(pssh.getLong(), pssh.getLong())).isEqualTo(ClearKeyPssh.COMMON_SYSTEM_ID);
    assertThat(pssh.getInt()).as("kid count").isEqualTo(1);
    assertThat(new UUID(pssh.getLong(), pssh.getLong())).isEqualTo(kid);
    assertThat(clearKey.contentProtectionData())
        .contains("<cenc:pssh>" + java.util.Base64.getEncoder().encodeToString(clearKey.pssh()))
        .contains(server.httpUrl() + "/clearkey");
  }

  @Test
  void speke2GivesEveryPresetKeyItsOwnKeyAndHlsSignalingLines() {
    SpekeKeys keys =
        client.fetch(
            server.spekeUrl(),
            KeyRequest.v2(
                "title-2",
                List.of(DrmSystems.HLS_AES_128, CLEAR_KEY),
                "PRESET-VIDEO-3",
                "PRESET-AUDIO-2",
                "cbcs"));
    assertThat(keys.keys()).hasSize(5);
    Set<String> distinct = new HashSet<>();
    for (DeliveredKey key : keys.keys()) {
      distinct.add(java.util.HexFormat.of().formatHex(key.key().key()));
      String uri = server.httpUrl() + "/keys/" + key.key().keyIdUuid();
      assertThat(key.drm().get(DrmSystems.HLS_AES_128).hlsSignalingMedia())
          .isEqualTo("#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"" + uri + "\"");
      assertThat(key.drm().get(DrmSystems.HLS_AES_128).hlsSignalingMaster())
          .startsWith("#EXT-X-SESSION-KEY:");
      assertThat(key.drm().get(CLEAR_KEY).pssh()).isNotNull();
    }
    assertThat(distinct).as("five different keys").hasSize(5);
  }

  @Test
  void aSystemItDoesNotKnowIsAClearRefusalNamingIt() {
    assertThatThrownBy(
            () ->
                client.fetch(
                    server.spekeUrl(),
                    KeyRequest.v1("t", List.of(DrmSystems.HLS_AES_128, DrmSystems.WIDEVINE))))
        .isInstanceOf(SpekeException.class)
        .hasMessageContaining("400")
        .hasMessageContaining(DrmSystems.WIDEVINE.toString())
        .hasMessageContaining("not supported by the built-in key server")
        .satisfies(e -> assertThat(((SpekeException) e).retryable()).isFalse());
  }

  @Test
  void aRequestThatIsNoCpixIsRefusedWithAMessage() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.httpUrl().resolve("/speke"))
                .POST(HttpRequest.BodyPublishers.ofString("<cpix:CPIX xmlns:cpix="))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.read(response.body(), Map.class).get("message").toString())
        .contains("not well-formed XML");
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(server.httpUrl().resolve("/speke")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
  }

  @Test
  void keysStayTheSameAcrossRestartsAndTheClearKeyEndpointHandsThemOut() throws Exception {
    SpekeKeys keys =
        client.fetch(server.spekeUrl(), KeyRequest.v1("t", List.of(DrmSystems.HLS_AES_128)));
    UUID kid = keys.keys().get(0).key().keyIdUuid();
    byte[] key = keys.keys().get(0).key().key();
    assertThat(Files.size(dir.resolve(KeyDerivation.SECRET_FILE))).isEqualTo(32);

    server.close();
    server = startServer();
    assertThat(get(server.httpUrl().resolve("/keys/" + kid)).body())
        .as("the same key after a restart")
        .isEqualTo(key);

    String kid64 = ClearKeyLicense.b64url(uuidBytes(kid));
    HttpResponse<String> license =
        http.send(
            HttpRequest.newBuilder(server.httpUrl().resolve("/clearkey"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"kids\":[\"" + kid64 + "\"],\"type\":\"temporary\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(license.statusCode()).isEqualTo(200);
    assertThat(license.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(license.body())
        .isEqualTo(
            "{\"keys\":[{\"kty\":\"oct\",\"k\":\""
                + ClearKeyLicense.b64url(key)
                + "\",\"kid\":\""
                + kid64
                + "\"}],\"type\":\"temporary\"}");

    HttpResponse<Void> preflight =
        http.send(
            HttpRequest.newBuilder(server.httpUrl().resolve("/clearkey"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://127.0.0.1:8081")
                .header("Access-Control-Request-Method", "POST")
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("POST");

    HttpResponse<String> bad =
        http.send(
            HttpRequest.newBuilder(server.httpUrl().resolve("/clearkey"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"kids\":[\"AAEC\"]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("AAEC").contains("16");
    assertThat(get(server.httpUrl().resolve("/keys/not-a-kid")).statusCode()).isEqualTo(404);
  }

  @Test
  void anotherDataDirectoryHasOtherKeys(@TempDir Path other) throws Exception {
    UUID kid = UUID.randomUUID();
    byte[] here = get(server.httpUrl().resolve("/keys/" + kid)).body();
    assertThat(here).hasSize(16).isEqualTo(KeyDerivation.inDirectory(dir).key(kid));
    assertThat(KeyDerivation.inDirectory(other).key(kid)).hasSize(16).isNotEqualTo(here);
  }

  private HttpResponse<byte[]> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] uuidBytes(UUID uuid) {
    return ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits())
        .array();
  }

  /** Trusts the key server's certificate only, as a client given just its PEM would. */
  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      store.setCertificateEntry(
          "key-server", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
