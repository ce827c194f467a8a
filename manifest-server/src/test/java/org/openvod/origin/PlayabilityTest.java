package org.openvod.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvod.events.EgressLayout;
import org.openvod.events.model.ResourceRecord;

/** A path is served only while its asset and configuration exist and were announced playable. */
class PlayabilityTest extends OriginIntegrationTest {

  static final byte[] PLAYLIST = "#EXTM3U\n#EXT-X-ENDLIST\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void notFoundUntilPlayableThenServed() {
    Published p = publishResources(null, null);
    putObject(p.key("index.m3u8"), PLAYLIST);
    putObject(p.key("seg_1.ts"), bytes(1880, 7));
    // resources and objects exist, but no VodAssetPlayable yet: wait until the view has the
    // asset (a sibling asset that is playable proves the resources were applied), then 404
    Published sibling = playable(null, null, Map.of("index.m3u8", PLAYLIST));
    assertThat(get(sibling.path("index.m3u8")).status()).isEqualTo(200);
    assertThat(get(p.path("index.m3u8")).status()).isEqualTo(404);
    assertThat(get(p.path("seg_1.ts")).status()).isEqualTo(404);
    assertThat(S3_PROXY.gets(p.assetHex())).as("no S3 request for an unplayable path").isZero();

    announcePlayable(p, "index.m3u8");
    awaitStatus(p.path("index.m3u8"), 200);
    assertThat(get(p.path("seg_1.ts")).status()).isEqualTo(200);
  }

  @Test
  void unknownIdsAndMixedUpIdsAreNotFound() {
    Published a = playable(null, null, Map.of("index.m3u8", PLAYLIST));
    Published b = playable(null, null, Map.of("index.m3u8", PLAYLIST));
    String unknown = EgressLayout.newHexId();
    assertThat(get(path(unknown, a.configHex(), a.manifestHex())).status()).isEqualTo(404);
    assertThat(get(path(a.assetHex(), unknown, a.manifestHex())).status()).isEqualTo(404);
    assertThat(get(path(a.assetHex(), a.configHex(), unknown)).status()).isEqualTo(404);
    // a's asset with b's configuration: both exist and both are playable, but not together
    putObject(
        EgressLayout.keyPrefix(a.assetHex(), b.configHex(), b.manifestHex()) + "index.m3u8",
        PLAYLIST);
    assertThat(get(path(a.assetHex(), b.configHex(), b.manifestHex())).status()).isEqualTo(404);
    assertThat(get(path(a.assetHex(), a.configHex(), b.manifestHex())).status()).isEqualTo(404);
  }

  @Test
  void deletingTheAssetMakesItNotFoundAtOnceAndEvictsTheCache() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("index.m3u8", PLAYLIST);
    files.put("seg_1.ts", bytes(1880, 8));
    Published p = playable(null, null, files);
    assertThat(get(p.path("seg_1.ts")).status()).isEqualTo(200);
    long getsBefore = S3_PROXY.gets(p.assetHex());

    tombstone(p.asset().arn());
    awaitStatus(p.path("index.m3u8"), 404);
    assertThat(get(p.path("seg_1.ts")).status()).isEqualTo(404);
    assertThat(S3_PROXY.gets(p.assetHex())).isEqualTo(getsBefore);

    // the same asset id created again gets new hex ids: the old URLs stay dead, and the old
    // playable mark does not carry over
    ResourceRecord.AssetRecord again =
        new ResourceRecord.AssetRecord(p.asset().asset(), EgressLayout.newHexId());
    sendResource(again);
    Published recreated = new Published(p.group(), p.configuration(), again);
    putObject(recreated.key("index.m3u8"), PLAYLIST);
    announcePlayable(recreated, "index.m3u8");
    awaitStatus(recreated.path("index.m3u8"), 200);
    assertThat(get(p.path("index.m3u8")).status()).isEqualTo(404);
  }

  @Test
  void deletingTheConfigurationMakesItNotFoundAndReloadsAfterwards() {
    Published p = playable(null, null, Map.of("index.m3u8", PLAYLIST));
    long getsBefore = S3_PROXY.gets(p.assetHex());
    assertThat(get(p.path("index.m3u8")).status()).isEqualTo(200);
    assertThat(S3_PROXY.gets(p.assetHex())).as("served from cache").isEqualTo(getsBefore);

    tombstone(p.configuration().arn());
    awaitStatus(p.path("index.m3u8"), 404);

    // put back under the same hex ids (a replay of the same record): the evicted entry is
    // loaded again from S3, proving the cache was emptied for that configuration
    sendResource(p.configuration());
    announcePlayable(p, "index.m3u8");
    awaitStatus(p.path("index.m3u8"), 200);
    assertThat(S3_PROXY.gets(p.assetHex())).isEqualTo(getsBefore + 1);
  }

  private static String path(String asset, String config, String manifest) {
    return EgressLayout.PATH_PREFIX
        + EgressLayout.keyPrefix(asset, config, manifest)
        + "index.m3u8";
  }
}
