package org.openvod.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvod.events.Json;
import software.amazon.awssdk.services.mediapackagevod.model.CreatePackagingConfigurationRequest;
import software.amazon.awssdk.services.mediapackagevod.model.DashEncryption;
import software.amazon.awssdk.services.mediapackagevod.model.DashManifest;
import software.amazon.awssdk.services.mediapackagevod.model.DashPackage;
import software.amazon.awssdk.services.mediapackagevod.model.EncryptionMethod;
import software.amazon.awssdk.services.mediapackagevod.model.HlsEncryption;
import software.amazon.awssdk.services.mediapackagevod.model.HlsManifest;
import software.amazon.awssdk.services.mediapackagevod.model.HlsPackage;
import software.amazon.awssdk.services.mediapackagevod.model.SpekeKeyProvider;
import tools.jackson.databind.JsonNode;

/**
 * Encrypted configurations pointing at the built-in key server, and the checks that their outputs
 * decrypt to the clear frames: HLS AES-128 with the key ffmpeg fetches from the key URI, DASH cenc
 * with the key from the Clear Key license endpoint.
 */
final class EncryptedPlayback {

  static final String HLS_AES_128 = "81376844-f976-481e-a84e-cc25d39b0b33";
  static final String CLEAR_KEY = "e2719d58-a985-b3c9-781a-b030af78d30e";
  static final String ROLE = "arn:aws:iam::000000000000:role/vod-keys";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private EncryptedPlayback() {}

  static CreatePackagingConfigurationRequest hlsAes128(String id, String group, Settings s) {
    return CreatePackagingConfigurationRequest.builder()
        .id(id)
        .packagingGroupId(group)
        .hlsPackage(
            HlsPackage.builder()
                .hlsManifests(HlsManifest.builder().manifestName("index").build())
                .segmentDurationSeconds(6)
                .encryption(
                    HlsEncryption.builder()
                        .encryptionMethod(EncryptionMethod.AES_128)
                        .spekeKeyProvider(provider(s, HLS_AES_128))
                        .build())
                .build())
        .build();
  }

  static CreatePackagingConfigurationRequest dashCenc(String id, String group, Settings s) {
    return CreatePackagingConfigurationRequest.builder()
        .id(id)
        .packagingGroupId(group)
        .dashPackage(
            DashPackage.builder()
                .dashManifests(DashManifest.builder().manifestName("index").build())
                .segmentDurationSeconds(6)
                .encryption(
                    DashEncryption.builder().spekeKeyProvider(provider(s, CLEAR_KEY)).build())
                .build())
        .build();
  }

  private static SpekeKeyProvider provider(Settings s, String systemId) {
    return SpekeKeyProvider.builder()
        .url(s.keysSpekeUrl())
        .roleArn(ROLE)
        .systemIds(systemId)
        .build();
  }

  /**
   * The HLS output names the key server's key URI in EXT-X-KEY, its segments are no plain TS, and
   * ffmpeg, fetching the key from that URI itself, decodes exactly the source's frames.
   */
  static void assertHlsDecryptsLikeTheSource(String master, String sourceMaster, Settings s)
      throws Exception {
    String variant = firstUri(get(URI.create(master)));
    URI variantUrl = URI.create(master).resolve(variant);
    String playlist = get(variantUrl);
    Matcher key = Pattern.compile("#EXT-X-KEY:METHOD=AES-128,URI=\"([^\"]+)\"").matcher(playlist);
    assertThat(key.find()).as("EXT-X-KEY in\n" + playlist).isTrue();
    assertThat(key.group(1)).startsWith(s.keysPublicUrl() + "/keys/");
    byte[] segment = bytes(variantUrl.resolve(firstUri(playlist)));
    assertThat(segment.length % 16).as("AES-128-CBC segment length").isZero();
    assertThat(segment[0] == 0x47 && segment[188] == 0x47 && segment[376] == 0x47)
        .as("the segment is not plain MPEG-TS")
        .isFalse();
    assertThat(bytes(URI.create(key.group(1)))).as("the key at the key URI").hasSize(16);
    // two decodes side by side: this machine has two cores
    CompletableFuture<Set<List<String>>> source =
        CompletableFuture.supplyAsync(() -> frames(sourceMaster));
    Set<List<String>> output = frames(master);
    assertSameFrames(source.join(), output);
  }

  /**
   * The DASH output's default KID gets its key from the Clear Key license endpoint, and ffmpeg with
   * that key decodes exactly the frames of the same source's clear DASH output. (Not the source's:
   * ffmpeg 5.1's dash demuxer loses the last frames of a video stream, clear or not.)
   */
  static void assertDashDecryptsLikeTheClearOutput(String mpd, String clearMpd, Settings s)
      throws Exception {
    String manifest = get(URI.create(mpd));
    Matcher kid = Pattern.compile("default_KID=\"([0-9a-fA-F-]{36})\"").matcher(manifest);
    assertThat(kid.find()).as("cenc:default_KID in\n" + manifest).isTrue();
    UUID id = UUID.fromString(kid.group(1));
    String kid64 =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ByteBuffer.allocate(16)
                    .putLong(id.getMostSignificantBits())
                    .putLong(id.getLeastSignificantBits())
                    .array());
    HttpResponse<String> license =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(s.keysPublicUrl() + "/clearkey"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kids\":[\"" + kid64 + "\"]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(license.statusCode()).as(license.body()).isEqualTo(200);
    JsonNode k = Json.MAPPER.readTree(license.body()).path("keys").get(0);
    assertThat(k.path("kid").asString()).isEqualTo(kid64);
    String hexKey = HexFormat.of().formatHex(Base64.getUrlDecoder().decode(k.path("k").asString()));
    CompletableFuture<Set<List<String>>> clear =
        CompletableFuture.supplyAsync(() -> frames(clearMpd));
    Set<List<String>> decrypted = frames(mpd, "-cenc_decryption_key", hexKey);
    assertThat(decrypted)
        .as("decrypted DASH frames = clear DASH frames")
        .isNotEmpty()
        .isEqualTo(clear.join());
  }

  /**
   * The decoded frames of each stream in the first 8 s (their md5, timestamps aside), as a set of
   * per-stream lists: outputs may order or share streams differently, but each must decode to a
   * source stream.
   */
  static Set<List<String>> frames(String input, String... before) {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error"));
    command.addAll(List.of(before));
    // the first 8 s (two 6 s segments: a key or IV change between segments would show) keep the
    // decodes short on a busy two-core machine
    command.addAll(List.of("-i", input, "-map", "0", "-t", "8", "-f", "framemd5", "-"));
    MediaProbe.Run run = MediaProbe.run(command.toArray(String[]::new));
    assertThat(run.exitCode()).as("ffmpeg decode of " + input + ": " + run.stderr()).isZero();
    assertThat(run.stderr()).as("ffmpeg errors decoding " + input).isEmpty();
    Map<String, List<String>> byStream = new LinkedHashMap<>();
    for (String line : run.stdout().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(",");
      byStream
          .computeIfAbsent(fields[0].trim(), x -> new ArrayList<>())
          .add(fields[fields.length - 1].trim());
    }
    return new HashSet<>(byStream.values());
  }

  private static void assertSameFrames(Set<List<String>> source, Set<List<String>> output) {
    assertThat(output).as("decoded streams").isNotEmpty();
    assertThat(source).as("every decrypted stream decodes to a source stream").containsAll(output);
  }

  private static String firstUri(String playlist) {
    for (String line : playlist.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        return line.trim();
      }
    }
    throw new AssertionError("no URI in playlist\n" + playlist);
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> r =
        HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET " + uri).isEqualTo(200);
    return r.body();
  }

  private static byte[] bytes(URI uri) throws Exception {
    HttpResponse<byte[]> r =
        HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as("GET " + uri).isEqualTo(200);
    return r.body();
  }
}
