package org.openvod.controlapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvod.controlapi.support.Vod.hls;
import static org.openvod.controlapi.support.Vod.roleArn;
import static org.openvod.controlapi.support.Vod.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openvod.controlapi.kafka.KafkaRuntime;
import org.openvod.controlapi.support.Vod;
import org.openvod.events.Json;
import org.openvod.events.Topics;
import org.openvod.events.model.LifecycleEvent;
import org.openvod.events.model.Notification;
import org.openvod.events.model.NotificationDetail;
import org.openvod.events.testing.TestKafka;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.mediapackagevod.MediaPackageVodClient;
import software.amazon.awssdk.services.mediapackagevod.model.AssetShallow;
import software.amazon.awssdk.services.mediapackagevod.model.DescribeAssetResponse;
import software.amazon.awssdk.services.mediapackagevod.model.TooManyRequestsException;
import software.amazon.awssdk.services.mediapackagevod.model.UnprocessableEntityException;

/**
 * Several application instances on one set of topics: they race for the same ids, hand the decider
 * role over when one stops, and a fresh instance rebuilds every resource from Kafka alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiInstanceTest {

  static final String PREFIX = TestKafka.uniquePrefix();
  static final List<ConfigurableApplicationContext> running = new ArrayList<>();
  static ConfigurableApplicationContext first;
  static ConfigurableApplicationContext second;
  static final Map<String, String> beforeRestart = new HashMap<>();

  static ConfigurableApplicationContext start() {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ControlApiApplication.class)
            .run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--openvod.topic-prefix=" + PREFIX,
                "--openvod.quotas.packaging-groups=3");
    running.add(context);
    return context;
  }

  static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  static boolean isDecider(ConfigurableApplicationContext context) {
    return context.getBean(KafkaRuntime.class).isDecider();
  }

  @BeforeAll
  static void twoInstances() {
    first = start();
    second = start();
  }

  @AfterAll
  static void stopAll() {
    running.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  @Order(1)
  void racingInstancesNeverBothAcceptAnId() throws Exception {
    try (MediaPackageVodClient a = Vod.client(port(first));
        MediaPackageVodClient b = Vod.client(port(second))) {
      a.createPackagingGroup(r -> r.id("race"));
      b.createPackagingConfiguration(
          r -> r.id("race_hls").packagingGroupId("race").hlsPackage(hls(null)));

      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        ids.add("race-" + i);
      }
      Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
      List<Throwable> losses = new CopyOnWriteArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (String id : ids) {
          CountDownLatch go = new CountDownLatch(1);
          for (MediaPackageVodClient client : List.of(a, b)) {
            futures.add(
                pool.submit(
                    () -> {
                      go.await();
                      try {
                        client.createAsset(
                            r ->
                                r.id(id)
                                    .packagingGroupId("race")
                                    .sourceArn(source(id + ".m3u8"))
                                    .sourceRoleArn(roleArn()));
                        wins.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                      } catch (UnprocessableEntityException e) {
                        losses.add(e);
                      }
                      return null;
                    }));
          }
          go.countDown();
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(wins.keySet()).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(wins.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThat(losses)
          .hasSize(ids.size())
          .allSatisfy(e -> assertThat(e).hasMessageContaining("already exists"));

      // the same for groups, up to the group quota (3 here), which both instances then enforce
      List<Future<?>> groupRaces = new ArrayList<>();
      AtomicInteger groupWins = new AtomicInteger();
      ExecutorService groupPool = Executors.newFixedThreadPool(4);
      try {
        for (String id : List.of("race_g1", "race_g2")) {
          for (MediaPackageVodClient client : List.of(a, b)) {
            groupRaces.add(
                groupPool.submit(
                    () -> {
                      try {
                        client.createPackagingGroup(r -> r.id(id));
                        groupWins.incrementAndGet();
                      } catch (UnprocessableEntityException e) {
                        assertThat(e).hasMessageContaining("already exists");
                      }
                      return null;
                    }));
          }
        }
        for (Future<?> f : groupRaces) {
          f.get();
        }
      } finally {
        groupPool.shutdownNow();
      }
      assertThat(groupWins.get()).isEqualTo(2);
      for (MediaPackageVodClient client : List.of(a, b)) {
        assertThatThrownBy(() -> client.createPackagingGroup(r -> r.id("race_g3")))
            .isInstanceOf(TooManyRequestsException.class)
            .hasMessageContaining("at most 3 packaging groups");
      }
    }
    // exactly one AssetCreated event per asset on the lifecycle topic
    Map<String, Integer> created = assetCreatedCounts();
    assertThat(created).hasSize(25).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  @Order(2)
  void theOtherInstanceDecidesOnceTheDeciderStops() {
    ConfigurableApplicationContext owner = isDecider(first) ? first : second;
    ConfigurableApplicationContext survivor = owner == first ? second : first;
    assertThat(isDecider(owner)).isTrue();
    assertThat(isDecider(survivor)).isFalse();
    owner.close();
    running.remove(owner);
    second = survivor;

    try (MediaPackageVodClient client = Vod.client(port(survivor))) {
      // the new decider rebuilt its state from the resources topic: old ids are still taken
      assertThatThrownBy(
              () ->
                  client.createAsset(
                      r ->
                          r.id("race-3")
                              .packagingGroupId("race")
                              .sourceArn(source("x.m3u8"))
                              .sourceRoleArn(roleArn())))
          .isInstanceOf(UnprocessableEntityException.class)
          .hasMessageContaining("already exists");
      client.createAsset(
          r ->
              r.id("after-handover")
                  .packagingGroupId("race")
                  .sourceArn(source("y.smil"))
                  .sourceRoleArn(roleArn()));
      assertThat(isDecider(survivor)).isTrue();
      assertThat(client.describePackagingGroup(r -> r.id("race")).approximateAssetCount())
          .isEqualTo(26);
    }
    assertThat(assetCreatedCounts()).hasSize(26).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  @Order(3)
  void aRestartedInstanceRebuildsEveryResourceFromKafka() {
    String arn = "arn:aws:mediapackage-vod:us-east-1:000000000000:assets/race-7";
    TestKafka.send(
        Topics.NOTIFICATIONS.name(PREFIX),
        "race-7",
        Json.writeString(
            new Notification(
                "0",
                "n-1",
                Notification.DETAIL_TYPE,
                Notification.SOURCE,
                "000000000000",
                "2026-12-01T10:00:00Z",
                "us-east-1",
                List.of(arn),
                new NotificationDetail(
                    Notification.VOD_ASSET_PLAYABLE, "playable", "race_hls", null, null))));
    try (MediaPackageVodClient client = Vod.client(port(second))) {
      Vod.eventually(
          Duration.ofSeconds(20),
          () ->
              client
                  .describeAsset(r -> r.id("race-7"))
                  .egressEndpoints()
                  .get(0)
                  .status()
                  .equals("PLAYABLE"),
          "race-7 playable");
      for (AssetShallow a : client.listAssets(r -> r.maxResults(1000)).assets()) {
        beforeRestart.put(a.id(), client.describeAsset(r -> r.id(a.id())).toString());
      }
    }
    assertThat(beforeRestart).hasSize(26);
    second.close();
    running.remove(second);

    ConfigurableApplicationContext third = start();
    try (MediaPackageVodClient client = Vod.client(port(third))) {
      // the model fields of every asset (toString leaves out HTTP metadata) are unchanged
      Map<String, String> after = new HashMap<>();
      for (AssetShallow a : client.listAssets(r -> r.maxResults(1000)).assets()) {
        after.put(a.id(), client.describeAsset(r -> r.id(a.id())).toString());
      }
      assertThat(after.keySet()).isEqualTo(beforeRestart.keySet());
      after.forEach((id, described) -> assertThat(described).isEqualTo(beforeRestart.get(id)));
      DescribeAssetResponse playable = client.describeAsset(r -> r.id("race-7"));
      assertThat(playable.egressEndpoints().get(0).status()).isEqualTo("PLAYABLE");
      assertThat(client.listPackagingGroups(r -> {}).packagingGroups())
          .extracting(g -> g.id())
          .containsExactly("race", "race_g1", "race_g2");
      assertThat(client.describePackagingConfiguration(r -> r.id("race_hls")).hlsPackage())
          .isNotNull();
      // and it decides against the rebuilt state
      assertThatThrownBy(() -> client.createPackagingGroup(r -> r.id("race_g3")))
          .isInstanceOf(TooManyRequestsException.class);
      client.deleteAsset(r -> r.id("after-handover"));
      assertThat(client.describePackagingGroup(r -> r.id("race")).approximateAssetCount())
          .isEqualTo(25);
    }
  }

  private static Map<String, Integer> assetCreatedCounts() {
    Map<String, Integer> counts = new HashMap<>();
    for (ConsumerRecord<String, String> r : allLifecycle()) {
      if (Json.read(r.value(), LifecycleEvent.class) instanceof LifecycleEvent.AssetCreated) {
        counts.merge(r.key(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static List<ConsumerRecord<String, String>> allLifecycle() {
    return Vod.readToEnd(Topics.ASSET_LIFECYCLE.name(PREFIX));
  }
}
