package org.openvod.controlapi.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.openvod.events.testing.TestKafka;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.mediapackagevod.MediaPackageVodClient;
import software.amazon.awssdk.services.mediapackagevod.model.DashManifest;
import software.amazon.awssdk.services.mediapackagevod.model.DashPackage;
import software.amazon.awssdk.services.mediapackagevod.model.HlsManifest;
import software.amazon.awssdk.services.mediapackagevod.model.HlsPackage;

/** Test helpers: SDK clients and raw SigV4-signed HTTP against a running control API. */
public final class Vod {

  public static final String KEY = "vod-local";
  public static final String SECRET = "vod-local-secret";
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private Vod() {}

  /** The AWS SDK's own client, pointed at the API, with retries off so status codes show. */
  public static MediaPackageVodClient client(int port) {
    return client(port, SECRET);
  }

  public static MediaPackageVodClient client(int port, String secret) {
    return MediaPackageVodClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, secret)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** A raw HTTP exchange, signed with SigV4 like the SDK does (unless {@code sign} is false). */
  public static HttpResponse<String> raw(
      int port, String method, String pathAndQuery, String contentType, byte[] body) {
    return raw(port, method, pathAndQuery, contentType, body, true, Clock.systemUTC());
  }

  public static HttpResponse<String> raw(
      int port,
      String method,
      String pathAndQuery,
      String contentType,
      byte[] body,
      boolean sign,
      Clock clock) {
    URI uri = URI.create("http://127.0.0.1:" + port + pathAndQuery);
    SdkHttpRequest.Builder unsigned =
        SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    if (contentType != null) {
      unsigned.putHeader("Content-Type", contentType);
    }
    SdkHttpRequest request = unsigned.build();
    if (sign) {
      request =
          AwsV4HttpSigner.create()
              .sign(
                  r ->
                      r.identity(AwsCredentialsIdentity.create(KEY, SECRET))
                          .request(unsigned.build())
                          .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "mediapackage-vod")
                          .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                          .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock))
              .request();
    }
    HttpRequest.Builder http =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> http.header(name, v));
              }
            });
    try {
      return HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every committed record of a topic, read from its start to its current end. */
  public static List<ConsumerRecord<String, String>> readToEnd(String topic) {
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromStart(topic)) {
      var partitions = consumer.assignment();
      var end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** Waits until the condition holds (checked every 100 ms) or fails after the timeout. */
  public static void eventually(Duration timeout, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  public static HlsPackage hls(String manifestName) {
    return HlsPackage.builder()
        .hlsManifests(HlsManifest.builder().manifestName(manifestName).build())
        .segmentDurationSeconds(6)
        .build();
  }

  public static DashPackage dash() {
    return DashPackage.builder().dashManifests(DashManifest.builder().build()).build();
  }

  public static String roleArn() {
    return "arn:aws:iam::000000000000:role/vod-source";
  }

  public static String source(String key) {
    return "arn:aws:s3:::vod-sources/" + key;
  }
}
