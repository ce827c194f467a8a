package org.openvod.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openvod.events.model.Authorization;
import org.openvod.origin.support.RawHttp.Response;

/** CDN authorization per packaging group, with rotation picked up from the secrets file. */
class CdnAuthorizationTest extends OriginIntegrationTest {

  static final String HEADER = "X-MediaPackage-CDNIdentifier";
  static final byte[] PLAYLIST = "#EXTM3U\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void currentAndPreviousValuesAreAcceptedAfterARotation() throws IOException {
    String secretArn =
        "arn:aws:secretsmanager:us-east-1:000000000000:secret:MediaPackage/" + UUID.randomUUID();
    String first = UUID.randomUUID().toString();
    writeSecret(secretArn, first);
    Published p = playable(authorization(secretArn), null, Map.of("index.m3u8", PLAYLIST));
    String path = p.path("index.m3u8");

    assertThat(get(path).status()).as("no header").isEqualTo(403);
    assertThat(get(path, HEADER, "wrong").status()).isEqualTo(403);
    assertThat(get(path, HEADER, first.substring(0, 10)).status()).as("prefix").isEqualTo(403);
    // the secrets file is re-read every 200 ms in tests
    Response ok = await(path, r -> r.status() == 200, "secret loaded", HEADER, first);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo(PLAYLIST);
    assertThat(get(path).header("cache-control")).isEqualTo("no-store");

    String second = UUID.randomUUID().toString();
    writeSecret(secretArn, second);
    await(path, r -> r.status() == 200, "new secret accepted", HEADER, second);
    assertThat(get(path, HEADER, first).status()).as("previous value").isEqualTo(200);

    String third = UUID.randomUUID().toString();
    writeSecret(secretArn, third);
    await(path, r -> r.status() == 200, "newest secret accepted", HEADER, third);
    assertThat(get(path, HEADER, second).status()).as("previous value").isEqualTo(200);
    assertThat(get(path, HEADER, first).status()).as("two versions old").isEqualTo(403);
  }

  @Test
  void secretsGivenInlineAreUsedAndUnknownSecretsDeny() {
    Published p = playable(authorization(INLINE_SECRET_ARN), null, Map.of("index.m3u8", PLAYLIST));
    assertThat(get(p.path("index.m3u8"), HEADER, INLINE_SECRET_VALUE).status()).isEqualTo(200);
    assertThat(get(p.path("index.m3u8"), HEADER, "x" + INLINE_SECRET_VALUE).status())
        .isEqualTo(403);

    Published unknown =
        playable(
            authorization("arn:aws:secretsmanager:us-east-1:000000000000:secret:missing"),
            null,
            Map.of("index.m3u8", PLAYLIST));
    assertThat(get(unknown.path("index.m3u8"), HEADER, "anything").status()).isEqualTo(403);

    Published open = playable(null, null, Map.of("index.m3u8", PLAYLIST));
    assertThat(get(open.path("index.m3u8")).status())
        .as("a group without authorization needs no header")
        .isEqualTo(200);
  }

  private static Authorization authorization(String secretArn) {
    return new Authorization(secretArn, "arn:aws:iam::000000000000:role/MediaPackageCDN");
  }

  /** Sets one secret in the shared secrets file (atomically, as an operator's tool would). */
  private static synchronized void writeSecret(String arn, String value) throws IOException {
    Map<String, Object> all = new java.util.TreeMap<>();
    if (Files.exists(SECRETS_FILE)) {
      var root =
          tools.jackson.databind.json.JsonMapper.builder()
              .build()
              .readTree(Files.readString(SECRETS_FILE));
      root.properties().forEach(e -> all.put(e.getKey(), e.getValue()));
    }
    all.put(arn, Map.of("MediaPackageCDNIdentifier", value));
    var tmp = SECRETS_FILE.resolveSibling("secrets.json.tmp");
    Files.writeString(tmp, org.openvod.events.Json.writeString(all));
    Files.move(
        tmp, SECRETS_FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
