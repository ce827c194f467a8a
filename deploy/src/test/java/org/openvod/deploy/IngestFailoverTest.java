package org.openvod.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvod.events.EgressLayout;
import org.openvod.events.PackageKind;
import org.openvod.events.model.Notification;
import software.amazon.awssdk.services.mediapackagevod.MediaPackageVodClient;
import software.amazon.awssdk.services.mediapackagevod.model.DescribeAssetResponse;
import software.amazon.awssdk.services.mediapackagevod.model.EgressEndpoint;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The ingest worker's failure handling, against the real broker and S3 server processes: a worker
 * killed in the middle of an asset is replaced by the other worker of its group, and a broker
 * restart in the middle of a burst loses nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestFailoverTest {

  /** Long enough that packaging it takes several seconds on this machine. */
  static final int LONG_SECONDS = 180;

  static final int SHORT_SECONDS = 30;
  static final int BURST = 20;
  static final String WORKER_GROUP = "ingest-worker";
  static final String PLAYABLE = "PLAYABLE";

  Path dataDir;
  Settings settings;
  Platform platform;
  ServiceJars jars;
  ChildProcess secondWorker;
  int secondWorkerPort;
  ChildProcess restartedKafka;
  Path longSource;
  Path shortSource;

  @BeforeAll
  void startThePlatformWithTwoWorkers() throws Exception {
    jars = TestPlatforms.serviceJars();
    Path sources =
        TestPlatforms.moduleDir().resolve(TestPlatforms.buildDir()).resolve("failover-sources");
    longSource = LowResSource.ensure(sources.resolve("long-" + LONG_SECONDS), LONG_SECONDS);
    shortSource = LowResSource.ensure(sources.resolve("short-" + SHORT_SECONDS), SHORT_SECONDS);
    dataDir = Files.createTempDirectory("vod-failover");
    settings = TestPlatforms.onFreePorts(dataDir);
    platform = new Platform(settings, System.out);
    platform.checkPorts(true);
    platform.startInfrastructure();
    platform.startServices(jars);
    secondWorkerPort = Ports.freePort();
    secondWorker = startSecondWorker();
    try (S3Client s3 = S3Server.client(settings)) {
      SampleMedia.upload(s3, longSource, "vod-sources", "long/");
      SampleMedia.upload(s3, shortSource, "vod-sources", "short/");
    }
  }

  /** A second ingest worker, started as Platform starts the first, on its own port. */
  private ChildProcess startSecondWorker() {
    Map<String, String> env = new HashMap<>(settings.serviceEnvironment());
    env.put("VOD_WORKER_PORT", Integer.toString(secondWorkerPort));
    ChildProcess worker =
        ChildProcess.start(
            "ingest-worker-2",
            JavaCommand.jar(
                settings.dataDir(),
                JavaCommand.options(settings),
                jars.require(Service.INGEST_WORKER)),
            env,
            settings.logDir().resolve("ingest-worker-2.log"));
    Readiness.waitForHealth(worker, secondWorkerPort, Platform.SERVICE_TIMEOUT);
    return worker;
  }

  @AfterAll
  void stopEverything() throws IOException {
    if (secondWorker != null) {
      secondWorker.stop(Duration.ofSeconds(30));
    }
    if (platform != null) {
      platform.stop(); // the services, S3, and the broker it started (if not restarted)
    }
    if (restartedKafka != null) {
      restartedKafka.stop(Duration.ofSeconds(45));
    }
    if (dataDir != null) {
      // every child's log (both workers, both brokers) stays in the build folder for a post-mortem
      Path logs =
          TestPlatforms.moduleDir().resolve(TestPlatforms.buildDir()).resolve("failover-logs");
      LowResSource.deleteTree(logs);
      if (Files.isDirectory(settings.logDir())) {
        LowResSource.copyTree(settings.logDir(), logs);
      }
      LowResSource.deleteTree(dataDir);
    }
  }

  @Test
  void killedWorkerMidAsset() throws Exception {
    Map<String, ChildProcess> workers = new TreeMap<>();
    workers.put("ingest-worker:" + settings.workerPort(), platformChild("ingest-worker"));
    workers.put("ingest-worker-2:" + secondWorkerPort, secondWorker);
    assertThat(workers.values()).as("both workers alive").allMatch(ChildProcess::isAlive);
    awaitGroupMembers(2, Duration.ofSeconds(60));

    String group = "fo-" + DemoCommand.runId();
    List<String> configs =
        List.of(group + "-hls", group + "-dash"); // the order of PackageKinds below
    String killed = group + "-killed";
    String reference = group + "-reference";
    try (MediaPackageVodClient api = ApiClients.mediaPackageVod(settings);
        NotificationLog log = new NotificationLog(settings)) {
      api.createPackagingGroup(b -> b.id(group));
      api.createPackagingConfiguration(
          PackagingConfigurations.request(PackageKind.HLS, configs.get(0), group));
      api.createPackagingConfiguration(
          PackagingConfigurations.request(PackageKind.DASH, configs.get(1), group));
      long t0 = System.nanoTime();
      createAsset(api, killed, group, "long/");

      assertThat(log.pollUntil(() -> log.percent(killed) >= 10, Duration.ofSeconds(90)))
          .as("IngestProgress >= 10 %% within 90 s: %s", log.all(killed))
          .isTrue();
      Map<String, Double> inFlight = new TreeMap<>();
      workers.forEach((name, w) -> inFlight.put(name, jobsInFlight(name)));
      List<String> running =
          inFlight.entrySet().stream()
              .filter(e -> e.getValue() >= 1)
              .map(Map.Entry::getKey)
              .toList();
      assertThat(running).as("the one worker running the job: %s", inFlight).hasSize(1);
      ChildProcess victim = workers.get(running.get(0));
      victim.process().destroyForcibly(); // kill -9: no revoke, no commit, no goodbye
      assertThat(victim.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
      int percentAtKill = log.percent(killed);
      System.out.printf(
          "failover: killed %s at %d %% (%s after create)%n",
          running.get(0), percentAtKill, Platform.since(t0));
      assertThat(log.distinct(killed, Notification.INGEST_COMPLETE))
          .as("the job was still running when its worker died")
          .isEmpty();

      long killedAt = System.nanoTime();
      // the uninterrupted run of the same source, whichever worker owns its partition
      createAsset(api, reference, group, "long/");
      assertThat(log.pollUntil(() -> starts(log, killed).size() >= 2, Duration.ofSeconds(120)))
          .as("the surviving worker takes the job over within 120 s: %s", log.all(killed))
          .isTrue();
      System.out.printf("failover: job taken over %s after the kill%n", Platform.since(killedAt));

      boolean done =
          log.pollUntil(
              () -> finished(log, killed) && finished(log, reference), Duration.ofSeconds(150));
      System.out.printf("failover: both assets done after %s%n", Platform.since(t0));
      assertThat(done)
          .as(
              "both ingests end within 150 s; killed: %s; reference: %s",
              log.all(killed), log.all(reference))
          .isTrue();

      for (String asset : List.of(killed, reference)) {
        assertThat(log.distinct(asset, Notification.INGEST_ERROR)).as(asset).isEmpty();
        assertThat(log.distinct(asset, Notification.PACKAGING_FAILED)).as(asset).isEmpty();
        for (String config : configs) {
          assertThat(
                  log.distinct(asset, Notification.VOD_ASSET_PLAYABLE).stream()
                      .filter(n -> config.equals(n.detail().packagingConfigurationId())))
              .as(
                  "exactly one VodAssetPlayable for %s of %s after dropping duplicates",
                  config, asset)
              .hasSize(1);
        }
      }
      // the new owner redid the record: the same IngestStart (same id) was delivered twice
      List<Notification> starts = starts(log, killed);
      assertThat(starts)
          .as("IngestStart of the killed job and of its redo")
          .hasSizeGreaterThanOrEqualTo(2);
      assertThat(starts.stream().map(Notification::id).distinct())
          .as("ids of the IngestStarts")
          .hasSize(1);

      AssetWatch watch = new AssetWatch(null, api);
      String killedHex = assetHex(watch.describeWhenSettled(killed, 2, Duration.ofSeconds(20)));
      String referenceHex =
          assetHex(watch.describeWhenSettled(reference, 2, Duration.ofSeconds(20)));

      try (S3Client s3 = S3Server.client(settings)) {
        Map<String, byte[]> redone = outputs(s3, killedHex);
        Map<String, byte[]> uninterrupted = outputs(s3, referenceHex);
        assertThat(uninterrupted.keySet())
            .as("the reference's outputs")
            .anyMatch(k -> k.endsWith("index.m3u8"))
            .anyMatch(k -> k.endsWith("index.mpd"))
            .hasSizeGreaterThan(2 * LONG_SECONDS / 6);
        assertThat(redone.keySet())
            .as("the redone asset's object names (relative to its asset prefix)")
            .containsExactlyInAnyOrderElementsOf(uninterrupted.keySet());
        List<String> different = new ArrayList<>();
        uninterrupted.forEach(
            (key, bytes) -> {
              if (!java.util.Arrays.equals(bytes, redone.get(key))) {
                different.add(key);
              }
            });
        assertThat(different).as("objects whose bytes differ from the uninterrupted run").isEmpty();
        System.out.printf(
            "failover: %d objects, %d bytes, identical to the uninterrupted run%n",
            redone.size(), redone.values().stream().mapToLong(b -> b.length).sum());
      }
    }
  }

  @Test
  void brokerRestartDuringBurst() throws Exception {
    String group = "burst-" + DemoCommand.runId();
    String config = group + "-hls";
    List<String> assets = new ArrayList<>();
    try (MediaPackageVodClient api = ApiClients.mediaPackageVod(settings);
        NotificationLog log = new NotificationLog(settings)) {
      api.createPackagingGroup(b -> b.id(group));
      api.createPackagingConfiguration(
          PackagingConfigurations.request(PackageKind.HLS, config, group));
      long t0 = System.nanoTime();
      for (int i = 0; i < BURST; i++) {
        String asset = String.format(Locale.ROOT, "%s-%02d", group, i);
        createAsset(api, asset, group, "short/");
        assets.add(asset);
      }
      System.out.printf("burst: %d assets created in %s%n", BURST, Platform.since(t0));
      assertThat(
              log.pollUntil(
                  () -> assets.stream().anyMatch(a -> log.percent(a) > 0 || finished(log, a)),
                  Duration.ofSeconds(60)))
          .as("packaging under way within 60 s")
          .isTrue();
      long playableBefore = assets.stream().filter(a -> finished(log, a)).count();

      ChildProcess kafka = platformChild("kafka");
      long t1 = System.nanoTime();
      boolean clean = kafka.stop(Duration.ofSeconds(45));
      System.out.printf(
          "burst: broker stopped (%s, %s) with %d of %d assets done%n",
          clean ? "clean" : "killed", Platform.since(t1), playableBefore, BURST);
      assertThat(playableBefore).as("assets done before the restart").isLessThan(BURST);
      restartedKafka = new KafkaBroker(settings).start(Platform.INFRASTRUCTURE_TIMEOUT);
      System.out.printf("burst: broker up again after %s%n", Platform.since(t1));

      Map<String, String> status = new TreeMap<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
      while (true) {
        log.poll(Duration.ofMillis(500));
        for (String asset : assets) {
          status.put(asset, describeStatus(api, asset, config));
        }
        if (status.values().stream().allMatch(PLAYABLE::equals) || System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(1000);
      }
      System.out.printf("burst: all settled after %s: %s%n", Platform.since(t0), status);
      assertThat(status.values())
          .as("DescribeAsset of all %d assets within 150 s of the restart: %s", BURST, status)
          .allMatch(PLAYABLE::equals);
      // no notification lost or doubled across the restart: the API's statuses came from them
      assertThat(
              log.pollUntil(
                  () -> assets.stream().allMatch(a -> finished(log, a)), Duration.ofSeconds(30)))
          .as("IngestComplete of every asset")
          .isTrue();
      for (String asset : assets) {
        assertThat(log.distinct(asset, Notification.INGEST_ERROR)).as(asset).isEmpty();
        assertThat(log.distinct(asset, Notification.VOD_ASSET_PLAYABLE))
            .as("VodAssetPlayable of %s after dropping duplicates", asset)
            .hasSize(1);
      }
    }
  }

  private static String describeStatus(MediaPackageVodClient api, String asset, String config) {
    try {
      return api.describeAsset(b -> b.id(asset)).egressEndpoints().stream()
          .filter(e -> config.equals(e.packagingConfigurationId()))
          .map(EgressEndpoint::status)
          .findFirst()
          .orElse("NO_ENDPOINT");
    } catch (RuntimeException e) {
      return "ERROR " + e.getClass().getSimpleName(); // the API may still be catching up
    }
  }

  private static void createAsset(
      MediaPackageVodClient api, String asset, String group, String sourcePrefix) {
    api.createAsset(
        b ->
            b.id(asset)
                .packagingGroupId(group)
                .sourceArn("arn:aws:s3:::vod-sources/" + sourcePrefix + LowResSource.MASTER)
                .sourceRoleArn(DemoCommand.ROLE_ARN));
  }

  /** Every configuration playable and the ingest complete (or failed, which the test reports). */
  private static boolean finished(NotificationLog log, String asset) {
    return !log.distinct(asset, Notification.INGEST_COMPLETE).isEmpty()
        || !log.distinct(asset, Notification.INGEST_ERROR).isEmpty();
  }

  /** Every IngestStart delivered for the asset, redeliveries included. */
  private static List<Notification> starts(NotificationLog log, String asset) {
    return log.all(asset).stream()
        .filter(n -> Notification.INGEST_START.equals(n.event()))
        .toList();
  }

  private ChildProcess platformChild(String name) {
    return platform.children().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the platform has no child " + name));
  }

  /** Waits until the worker group has {@code count} members, each owning some partition. */
  private void awaitGroupMembers(int count, Duration timeout) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
    String groupId = settings.topicPrefix() + WORKER_GROUP;
    try (Admin admin = Admin.create(p)) {
      long deadline = System.nanoTime() + timeout.toNanos();
      ConsumerGroupDescription group = null;
      while (System.nanoTime() < deadline) {
        group =
            admin
                .describeConsumerGroups(List.of(groupId))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get(groupId);
        if (group.members().size() == count
            && group.members().stream()
                .allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
          return;
        }
        Thread.sleep(500);
      }
      throw new AssertionError(count + " workers did not share the partitions: " + group);
    }
  }

  /** openvod_ingest_jobs_in_flight of the worker named "name:port". */
  private static double jobsInFlight(String worker) {
    int port = Integer.parseInt(worker.substring(worker.lastIndexOf(':') + 1));
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response
          .body()
          .lines()
          .filter(l -> l.startsWith("openvod_ingest_jobs_in_flight"))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no openvod_ingest_jobs_in_flight on " + worker));
    } catch (IOException e) {
      throw new AssertionError("cannot read the metrics of " + worker + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The asset's {assetHex}, the first segment after /out/v1/ of its playback URLs. */
  private static String assetHex(DescribeAssetResponse asset) {
    assertThat(asset.egressEndpoints())
        .as("DescribeAsset of %s", asset.id())
        .isNotEmpty()
        .allMatch(e -> "PLAYABLE".equals(e.status()));
    String path = URI.create(asset.egressEndpoints().get(0).url()).getPath();
    String rest =
        path.substring(path.indexOf(EgressLayout.PATH_PREFIX) + EgressLayout.PATH_PREFIX.length());
    return rest.substring(0, rest.indexOf('/'));
  }

  /** Every object under {@code assetHex/}, by its key relative to that prefix. */
  private static Map<String, byte[]> outputs(S3Client s3, String assetHex) {
    Map<String, byte[]> objects = new TreeMap<>();
    String prefix = assetHex + "/";
    for (S3Object o :
        s3.listObjectsV2Paginator(b -> b.bucket("vod-output").prefix(prefix)).contents()) {
      objects.put(
          o.key().substring(prefix.length()),
          s3.getObjectAsBytes(b -> b.bucket("vod-output").key(o.key())).asByteArray());
    }
    return objects;
  }
}
