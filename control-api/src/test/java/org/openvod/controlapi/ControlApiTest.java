package org.openvod.controlapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.openvod.controlapi.support.Vod.dash;
import static org.openvod.controlapi.support.Vod.eventually;
import static org.openvod.controlapi.support.Vod.hls;
import static org.openvod.controlapi.support.Vod.roleArn;
import static org.openvod.controlapi.support.Vod.source;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.openvod.controlapi.support.Vod;
import org.openvod.events.EgressLayout;
import org.openvod.events.Json;
import org.openvod.events.PackageKind;
import org.openvod.events.TopicSpec;
import org.openvod.events.Topics;
import org.openvod.events.model.LifecycleEvent;
import org.openvod.events.model.Notification;
import org.openvod.events.model.NotificationDetail;
import org.openvod.events.model.ResourceRecord;
import org.openvod.events.testing.TestKafka;
import software.amazon.awssdk.services.mediapackagevod.MediaPackageVodClient;
import software.amazon.awssdk.services.mediapackagevod.model.AssetShallow;
import software.amazon.awssdk.services.mediapackagevod.model.Authorization;
import software.amazon.awssdk.services.mediapackagevod.model.CmafPackage;
import software.amazon.awssdk.services.mediapackagevod.model.CreateAssetResponse;
import software.amazon.awssdk.services.mediapackagevod.model.CreatePackagingGroupResponse;
import software.amazon.awssdk.services.mediapackagevod.model.DescribeAssetResponse;
import software.amazon.awssdk.services.mediapackagevod.model.DescribePackagingConfigurationResponse;
import software.amazon.awssdk.services.mediapackagevod.model.DescribePackagingGroupResponse;
import software.amazon.awssdk.services.mediapackagevod.model.EgressAccessLogs;
import software.amazon.awssdk.services.mediapackagevod.model.EgressEndpoint;
import software.amazon.awssdk.services.mediapackagevod.model.ForbiddenException;
import software.amazon.awssdk.services.mediapackagevod.model.HlsManifest;
import software.amazon.awssdk.services.mediapackagevod.model.MssManifest;
import software.amazon.awssdk.services.mediapackagevod.model.MssPackage;
import software.amazon.awssdk.services.mediapackagevod.model.NotFoundException;
import software.amazon.awssdk.services.mediapackagevod.model.PackagingConfiguration;
import software.amazon.awssdk.services.mediapackagevod.model.TooManyRequestsException;
import software.amazon.awssdk.services.mediapackagevod.model.UnprocessableEntityException;

/**
 * Every operation through the AWS SDK's own client, against a real Kafka broker and the API on a
 * random port.
 */
class ControlApiTest extends ApiTestBase {

  @Test
  void packagingGroupLifecycle() {
    CreatePackagingGroupResponse created =
        vod()
            .createPackagingGroup(
                b ->
                    b.id("pg_life-1")
                        .tags(Map.of("env", "test"))
                        .authorization(
                            Authorization.builder()
                                .cdnIdentifierSecret(
                                    "arn:aws:secretsmanager:us-east-1:000000000000:secret:cdn")
                                .secretsRoleArn(roleArn())
                                .build())
                        .egressAccessLogs(EgressAccessLogs.builder().build()));
    assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(200);
    assertThat(created.arn())
        .isEqualTo("arn:aws:mediapackage-vod:us-east-1:" + ACCOUNT + ":packaging-groups/pg_life-1");
    assertThat(created.id()).isEqualTo("pg_life-1");
    assertThat(created.domainName()).isEqualTo("http://origin.test:8081");
    assertThat(created.createdAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
    assertThat(created.tags()).containsExactly(Map.entry("env", "test"));
    assertThat(created.egressAccessLogs().logGroupName())
        .isEqualTo("/aws/MediaPackage/EgressAccessLogs");
    assertThat(created.authorization().secretsRoleArn()).isEqualTo(roleArn());

    DescribePackagingGroupResponse described = vod().describePackagingGroup(b -> b.id("pg_life-1"));
    assertThat(described.approximateAssetCount()).isZero();
    assertThat(described.arn()).isEqualTo(created.arn());
    assertThat(described.createdAt()).isEqualTo(created.createdAt());

    var updated = vod().updatePackagingGroup(b -> b.id("pg_life-1"));
    assertThat(updated.authorization()).isNull();
    assertThat(updated.approximateAssetCount()).isZero();
    assertThat(updated.egressAccessLogs()).isNotNull();

    var logs =
        vod()
            .configureLogs(
                b ->
                    b.id("pg_life-1")
                        .egressAccessLogs(
                            EgressAccessLogs.builder()
                                .logGroupName("/aws/MediaPackage/mine")
                                .build()));
    assertThat(logs.egressAccessLogs().logGroupName()).isEqualTo("/aws/MediaPackage/mine");
    assertThat(vod().configureLogs(b -> b.id("pg_life-1")).egressAccessLogs()).isNull();

    assertThat(
            vod().listPackagingGroups(b -> b.maxResults(1000)).packagingGroups().stream()
                .map(g -> g.id()))
        .contains("pg_life-1");
    assertThat(vod().deletePackagingGroup(b -> b.id("pg_life-1")).sdkHttpResponse().statusCode())
        .isEqualTo(202);
    assertThatThrownBy(() -> vod().describePackagingGroup(b -> b.id("pg_life-1")))
        .isInstanceOf(NotFoundException.class)
        .satisfies(e -> assertThat(((NotFoundException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void configurationsOfEveryKind() {
    group("pg_cfg");
    var hlsCreated =
        vod()
            .createPackagingConfiguration(
                b -> b.id("cfg_hls").packagingGroupId("pg_cfg").hlsPackage(hls("main")));
    assertThat(hlsCreated.arn())
        .isEqualTo(
            "arn:aws:mediapackage-vod:us-east-1:" + ACCOUNT + ":packaging-configurations/cfg_hls");
    assertThat(hlsCreated.hlsPackage().hlsManifests().get(0).manifestName()).isEqualTo("main");
    assertThat(hlsCreated.hlsPackage().segmentDurationSeconds()).isEqualTo(6);
    vod()
        .createPackagingConfiguration(
            b -> b.id("cfg_dash").packagingGroupId("pg_cfg").dashPackage(dash()));
    vod()
        .createPackagingConfiguration(
            b ->
                b.id("cfg_cmaf")
                    .packagingGroupId("pg_cfg")
                    .cmafPackage(
                        CmafPackage.builder()
                            .hlsManifests(HlsManifest.builder().adMarkers("NONE").build())
                            .build()));
    group("pg_cfg2");
    vod()
        .createPackagingConfiguration(
            b ->
                b.id("cfg_mss")
                    .packagingGroupId("pg_cfg2")
                    .mssPackage(
                        MssPackage.builder().mssManifests(MssManifest.builder().build()).build()));

    DescribePackagingConfigurationResponse d =
        vod().describePackagingConfiguration(b -> b.id("cfg_cmaf"));
    assertThat(d.cmafPackage().hlsManifests().get(0).adMarkersAsString()).isEqualTo("NONE");
    assertThat(d.packagingGroupId()).isEqualTo("pg_cfg");
    assertThat(d.hlsPackage()).isNull();

    List<String> ofGroup =
        vod()
            .listPackagingConfigurations(b -> b.packagingGroupId("pg_cfg"))
            .packagingConfigurations()
            .stream()
            .map(PackagingConfiguration::id)
            .toList();
    assertThat(ofGroup).containsExactly("cfg_cmaf", "cfg_dash", "cfg_hls");
    assertThat(
            vod()
                .listPackagingConfigurations(b -> b.maxResults(1000))
                .packagingConfigurations()
                .stream()
                .map(PackagingConfiguration::id))
        .contains("cfg_mss", "cfg_hls");

    // quota: 3 configurations per group in this test's configuration
    assertThatThrownBy(
            () ->
                vod()
                    .createPackagingConfiguration(
                        b -> b.id("cfg_4th").packagingGroupId("pg_cfg").hlsPackage(hls(null))))
        .isInstanceOf(TooManyRequestsException.class)
        .hasMessageContaining("Resource limit exceeded");

    assertThat(
            vod()
                .deletePackagingConfiguration(b -> b.id("cfg_dash"))
                .sdkHttpResponse()
                .statusCode())
        .isEqualTo(202);
    assertThatThrownBy(() -> vod().describePackagingConfiguration(b -> b.id("cfg_dash")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vod().deletePackagingConfiguration(b -> b.id("cfg_dash")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void assetsGetOneEndpointPerConfigurationAndLifecycleEvents() {
    group("pg_asset");
    vod()
        .createPackagingConfiguration(
            b -> b.id("a_hls").packagingGroupId("pg_asset").hlsPackage(hls("master")));
    vod()
        .createPackagingConfiguration(
            b -> b.id("a_dash").packagingGroupId("pg_asset").dashPackage(dash()));
    CreateAssetResponse created =
        vod()
            .createAsset(
                b ->
                    b.id("movie-1")
                        .packagingGroupId("pg_asset")
                        .sourceArn(source("movies/movie-1/index.m3u8"))
                        .sourceRoleArn(roleArn())
                        .resourceId("content-1")
                        .tags(Map.of("k", "v")));
    assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(200);
    assertThat(created.arn())
        .isEqualTo("arn:aws:mediapackage-vod:us-east-1:" + ACCOUNT + ":assets/movie-1");
    assertThat(created.egressEndpoints())
        .extracting(EgressEndpoint::packagingConfigurationId, EgressEndpoint::status)
        .containsExactly(tuple("a_dash", "QUEUED"), tuple("a_hls", "QUEUED"));

    // the URLs follow the egress layout with the hex ids stored in the resource records
    Map<String, ResourceRecord> records = resources();
    var asset = (ResourceRecord.AssetRecord) records.get(created.arn());
    var hlsConfig =
        (ResourceRecord.ConfigurationRecord)
            records.get(
                "arn:aws:mediapackage-vod:us-east-1:"
                    + ACCOUNT
                    + ":packaging-configurations/a_hls");
    assertThat(asset.assetHex()).matches("[0-9a-f]{32}");
    assertThat(created.egressEndpoints().get(1).url())
        .isEqualTo(
            EgressLayout.url(
                "http://origin.test:8081",
                asset.assetHex(),
                hlsConfig.configHex(),
                hlsConfig.manifestHex(),
                PackageKind.HLS,
                "master"));
    assertThat(created.egressEndpoints().get(0).url()).endsWith("/index.mpd");

    List<LifecycleEvent> events = lifecycle("movie-1", 1);
    var assetCreated = (LifecycleEvent.AssetCreated) events.get(0);
    assertThat(assetCreated.assetHex()).isEqualTo(asset.assetHex());
    assertThat(assetCreated.targets())
        .extracting(t -> t.url())
        .containsExactlyInAnyOrder(
            created.egressEndpoints().get(0).url(), created.egressEndpoints().get(1).url());

    DescribeAssetResponse described = vod().describeAsset(b -> b.id("movie-1"));
    assertThat(described.egressEndpoints()).isEqualTo(created.egressEndpoints());
    assertThat(described.resourceId()).isEqualTo("content-1");
    assertThat(described.sourceArn()).isEqualTo(source("movies/movie-1/index.m3u8"));
    assertThat(vod().describePackagingGroup(b -> b.id("pg_asset")).approximateAssetCount())
        .isEqualTo(1);

    // ListAssets gives AssetShallow items: no egressEndpoints on the wire
    List<AssetShallow> listed = vod().listAssets(b -> b.packagingGroupId("pg_asset")).assets();
    assertThat(listed).extracting(AssetShallow::id).containsExactly("movie-1");
    HttpResponse<String> raw =
        Vod.raw(port, "GET", "/assets?packagingGroupId=pg_asset", null, null);
    assertThat(raw.body()).contains("\"sourceRoleArn\"").doesNotContain("egressEndpoints");

    // a configuration added later reaches the existing asset, QUEUED, with an event
    vod()
        .createPackagingConfiguration(
            b -> b.id("a_late").packagingGroupId("pg_asset").hlsPackage(hls(null)));
    assertThat(vod().describeAsset(b -> b.id("movie-1")).egressEndpoints())
        .extracting(EgressEndpoint::packagingConfigurationId, EgressEndpoint::status)
        .contains(tuple("a_late", "QUEUED"));
    var added = (LifecycleEvent.ConfigurationAdded) lifecycle("movie-1", 2).get(1);
    assertThat(added.target().configuration().id()).isEqualTo("a_late");
    assertThat(added.target().url())
        .startsWith("http://origin.test:8081/out/v1/" + asset.assetHex());

    // deleting the group is refused while it has children
    assertThatThrownBy(() -> vod().deletePackagingGroup(b -> b.id("pg_asset")))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("still has 3 packaging configuration(s) and 1 asset(s)");

    vod().deletePackagingConfiguration(b -> b.id("a_late"));
    assertThat(vod().describeAsset(b -> b.id("movie-1")).egressEndpoints())
        .extracting(EgressEndpoint::packagingConfigurationId)
        .containsExactly("a_dash", "a_hls");
    var removed = (LifecycleEvent.ConfigurationDeleted) lifecycle("movie-1", 3).get(2);
    assertThat(removed.packagingConfigurationId()).isEqualTo("a_late");

    vod().deleteAsset(b -> b.id("movie-1"));
    var deleted = (LifecycleEvent.AssetDeleted) lifecycle("movie-1", 4).get(3);
    assertThat(deleted.assetHex()).isEqualTo(asset.assetHex());
    assertThatThrownBy(() -> vod().describeAsset(b -> b.id("movie-1")))
        .isInstanceOf(NotFoundException.class);
    assertThat(resources()).doesNotContainKey(created.arn());

    vod().deletePackagingConfiguration(b -> b.id("a_hls"));
    vod().deletePackagingConfiguration(b -> b.id("a_dash"));
    vod().deletePackagingGroup(b -> b.id("pg_asset"));
    // exactly these four events, in this order, were published for the asset
    assertThat(readAll(Topics.ASSET_LIFECYCLE))
        .filteredOn(r -> r.key().equals("movie-1"))
        .extracting(r -> Json.read(r.value(), LifecycleEvent.class).getClass().getSimpleName())
        .containsExactly(
            "AssetCreated", "ConfigurationAdded", "ConfigurationDeleted", "AssetDeleted");
  }

  @Test
  void paginationNeverSkipsNorRepeatsWhileAnotherThreadCreates() throws Exception {
    group("pg_page");
    Set<String> existing = new HashSet<>();
    for (int i = 0; i < 40; i += 2) {
      String id = String.format("p%03d", i);
      createAsset(id, "pg_page");
      existing.add(id);
    }
    AtomicBoolean paging = new AtomicBoolean(true);
    List<String> createdMeanwhile = new ArrayList<>();
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try (MediaPackageVodClient other = Vod.client(port)) {
                for (int i = 1; i < 40; i += 2) {
                  String id = String.format("p%03d", i);
                  other.createAsset(
                      b ->
                          b.id(id)
                              .packagingGroupId("pg_page")
                              .sourceArn(source(id + ".smil"))
                              .sourceRoleArn(roleArn()));
                  createdMeanwhile.add(id);
                }
              }
            });
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      var page = vod().listAssets(b -> b.packagingGroupId("pg_page").maxResults(3).nextToken(t));
      page.assets().forEach(a -> seen.add(a.id()));
      token = page.nextToken();
      pages++;
      Thread.sleep(20); // let the writer interleave
    } while (token != null);
    writer.get();
    assertThat(pages).isGreaterThan(5);
    assertThat(seen).doesNotHaveDuplicates().isSorted().containsAll(existing);
    assertThat(new HashSet<>(seen)).isSubsetOf(union(existing, createdMeanwhile));

    // the same walk over all assets after the writes sees all of them
    List<String> all = new ArrayList<>();
    String next = null;
    do {
      String t = next;
      var page = vod().listAssets(b -> b.packagingGroupId("pg_page").maxResults(7).nextToken(t));
      page.assets().forEach(a -> all.add(a.id()));
      next = page.nextToken();
    } while (next != null);
    assertThat(all).containsExactlyInAnyOrderElementsOf(union(existing, createdMeanwhile));

    // assets per group quota (60 here): fill up to it, then 429
    int count = all.size();
    for (int i = 0; count < 60; i++) {
      createAsset("fill" + i, "pg_page");
      count++;
    }
    assertThatThrownBy(() -> createAsset("one-too-many", "pg_page"))
        .isInstanceOf(TooManyRequestsException.class)
        .satisfies(e -> assertThat(((TooManyRequestsException) e).statusCode()).isEqualTo(429));
    assertThat(vod().describePackagingGroup(b -> b.id("pg_page")).approximateAssetCount())
        .isEqualTo(60);
  }

  private static Set<String> union(Set<String> a, List<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }

  @Test
  void tagsOnEncodedArns() {
    group("pg_tags");
    vod()
        .createPackagingConfiguration(
            b -> b.id("tag_cfg").packagingGroupId("pg_tags").hlsPackage(hls(null)));
    createAsset("tag-asset", "pg_tags");
    String base = "arn:aws:mediapackage-vod:us-east-1:" + ACCOUNT + ":";
    for (String arn :
        List.of(
            base + "packaging-groups/pg_tags",
            base + "packaging-configurations/tag_cfg",
            base + "assets/tag-asset")) {
      var tagged = vod().tagResource(b -> b.resourceArn(arn).tags(Map.of("a", "1", "b", "2")));
      assertThat(tagged.sdkHttpResponse().statusCode()).isEqualTo(204);
      assertThat(vod().listTagsForResource(b -> b.resourceArn(arn)).tags())
          .isEqualTo(Map.of("a", "1", "b", "2"));
      var untagged = vod().untagResource(b -> b.resourceArn(arn).tagKeys("a", "b"));
      assertThat(untagged.sdkHttpResponse().statusCode()).isEqualTo(204);
      assertThat(vod().listTagsForResource(b -> b.resourceArn(arn)).tags()).isEmpty();
    }
    assertThat(vod().describeAsset(b -> b.id("tag-asset")).tags()).isEmpty();

    // fully encoded (':' and '/') and comma-separated tagKeys, over raw HTTP
    String arn = base + "assets/tag-asset";
    String encoded = arn.replace(":", "%3A").replace("/", "%2F");
    HttpResponse<String> tag =
        Vod.raw(
            port,
            "POST",
            "/tags/" + encoded,
            "application/json",
            "{\"tags\":{\"x\":\"1\",\"y\":\"2\",\"z\":\"3\"}}".getBytes(StandardCharsets.UTF_8));
    assertThat(tag.statusCode()).isEqualTo(204);
    HttpResponse<String> untag =
        Vod.raw(port, "DELETE", "/tags/" + encoded + "?tagKeys=x%2Cy", null, null);
    assertThat(untag.statusCode()).isEqualTo(204);
    assertThat(vod().describeAsset(b -> b.id("tag-asset")).tags()).isEqualTo(Map.of("z", "3"));
    // an ARN whose '/' is not encoded still names the resource
    HttpResponse<String> list = Vod.raw(port, "GET", "/tags/" + arn, null, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).isEqualTo("{\"tags\":{\"z\":\"3\"}}");

    assertThatThrownBy(
            () -> vod().listTagsForResource(b -> b.resourceArn(base + "assets/no-such-asset")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                vod()
                    .tagResource(
                        b -> b.resourceArn(base + "assets/no-such").tags(Map.of("a", "b"))))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void notificationsFoldIntoEgressStatus() {
    group("pg_status");
    vod()
        .createPackagingConfiguration(
            b -> b.id("st_hls").packagingGroupId("pg_status").hlsPackage(hls(null)));
    vod()
        .createPackagingConfiguration(
            b -> b.id("st_dash").packagingGroupId("pg_status").dashPackage(dash()));
    createAsset("st-1", "pg_status");
    createAsset("st-2", "pg_status");
    String arn1 = "arn:aws:mediapackage-vod:us-east-1:" + ACCOUNT + ":assets/st-1";
    String arn2 = "arn:aws:mediapackage-vod:us-east-1:" + ACCOUNT + ":assets/st-2";

    notify("st-1", arn1, Notification.PACKAGING_STARTED, "st_hls");
    awaitStatus("st-1", Map.of("st_hls", "PROCESSING", "st_dash", "QUEUED"));
    notify("st-1", arn1, Notification.VOD_ASSET_PLAYABLE, "st_hls");
    notify("st-1", arn1, Notification.PACKAGING_FAILED, "st_dash");
    awaitStatus("st-1", Map.of("st_hls", "PLAYABLE", "st_dash", "FAILED"));
    // redelivered / late events never move a final status back
    notify("st-1", arn1, Notification.PACKAGING_STARTED, "st_hls");
    notify("st-1", arn1, Notification.PACKAGING_STARTED, "st_dash");
    notify("st-1", arn1, Notification.PACKAGING_FAILED, "st_hls");
    // events for unknown assets and undecodable records are ignored
    notify("ghost", arn1.replace("st-1", "ghost"), Notification.VOD_ASSET_PLAYABLE, "st_hls");
    TestKafka.send(Topics.NOTIFICATIONS.name(PREFIX), "st-1", "{not json");
    // an event whose manifest URLs lie under another asset hex (an earlier asset with the same
    // id) is ignored; IngestError then fails every endpoint that is not PLAYABLE
    notify(
        "st-2",
        arn2,
        Notification.VOD_ASSET_PLAYABLE,
        "st_hls",
        List.of("http://origin.test:8081/out/v1/" + "0".repeat(32) + "/a/b/index.m3u8"));
    notify("st-2", arn2, Notification.VOD_ASSET_PLAYABLE, "st_dash");
    notify("st-2", arn2, Notification.INGEST_ERROR, null);
    awaitStatus("st-2", Map.of("st_hls", "FAILED", "st_dash", "PLAYABLE"));
    assertThat(statuses("st-1")).isEqualTo(Map.of("st_hls", "PLAYABLE", "st_dash", "FAILED"));
    assertThatThrownBy(() -> vod().describeAsset(b -> b.id("ghost")))
        .isInstanceOf(NotFoundException.class);
  }

  private void notify(String key, String assetArn, String event, String configId) {
    notify(key, assetArn, event, configId, null);
  }

  private void notify(
      String key, String assetArn, String event, String configId, List<String> manifestUrls) {
    Notification n =
        new Notification(
            "0",
            UUID.randomUUID().toString(),
            Notification.DETAIL_TYPE,
            Notification.SOURCE,
            ACCOUNT,
            "2026-12-01T10:00:00Z",
            "us-east-1",
            List.of(assetArn),
            new NotificationDetail(event, "test", configId, manifestUrls, null));
    TestKafka.send(Topics.NOTIFICATIONS.name(PREFIX), key, Json.writeString(n));
  }

  private Map<String, String> statuses(String assetId) {
    Map<String, String> out = new HashMap<>();
    vod()
        .describeAsset(b -> b.id(assetId))
        .egressEndpoints()
        .forEach(e -> out.put(e.packagingConfigurationId(), e.status()));
    return out;
  }

  private void awaitStatus(String assetId, Map<String, String> expected) {
    eventually(
        Duration.ofSeconds(20),
        () -> statuses(assetId).equals(expected),
        assetId + " statuses " + expected);
  }

  @Test
  void badSignaturesAreForbidden() {
    try (MediaPackageVodClient wrong = Vod.client(port, "not-the-secret")) {
      assertThatThrownBy(() -> wrong.listPackagingGroups(b -> {}))
          .isInstanceOf(ForbiddenException.class)
          .satisfies(e -> assertThat(((ForbiddenException) e).statusCode()).isEqualTo(403));
    }
    HttpResponse<String> unsigned =
        Vod.raw(port, "GET", "/packaging_groups", null, null, false, Clock.systemUTC());
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
    HttpResponse<String> stale =
        Vod.raw(
            port,
            "GET",
            "/packaging_groups",
            null,
            null,
            true,
            Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-16)));
    assertThat(stale.statusCode()).isEqualTo(403);
    assertThat(stale.body()).contains("Signature expired");
    HttpResponse<String> skewed =
        Vod.raw(
            port,
            "GET",
            "/packaging_groups",
            null,
            null,
            true,
            Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
    assertThat(skewed.statusCode()).isEqualTo(200);
  }

  @Test
  void actuatorHealthAndPrometheus() {
    HttpResponse<String> health =
        Vod.raw(port, "GET", "/actuator/health", null, null, false, Clock.systemUTC());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"decider\":true");
    HttpResponse<String> metrics =
        Vod.raw(port, "GET", "/actuator/prometheus", null, null, false, Clock.systemUTC());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
  }

  private List<LifecycleEvent> lifecycle(String assetId, int atLeast) {
    return events(Topics.ASSET_LIFECYCLE, assetId, atLeast);
  }

  private List<LifecycleEvent> events(TopicSpec spec, String assetId, int atLeast) {
    String topic = spec.name(PREFIX);
    var records =
        TestKafka.readUntil(
            topic,
            Duration.ofSeconds(10),
            rs -> rs.stream().filter(r -> assetId.equals(r.key())).count() >= atLeast);
    return records.stream()
        .filter(r -> assetId.equals(r.key()))
        .map(r -> Json.read(r.value(), LifecycleEvent.class))
        .toList();
  }
}
