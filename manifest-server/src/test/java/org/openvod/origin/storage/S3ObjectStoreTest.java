package org.openvod.origin.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.events.testing.TestS3;
import org.openvod.origin.http.ByteRange;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Loading against the real S3 server: what is kept whole, what is streamed, and memory limits. */
class S3ObjectStoreTest {

  static final String BUCKET = "store-" + UUID.randomUUID().toString().substring(0, 8);
  static S3AsyncClient s3;

  @BeforeAll
  static void client() {
    TestS3.createBucket(BUCKET);
    s3 =
        S3AsyncClient.builder()
            .endpointOverride(TestS3.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)))
            .build();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Test
  void smallObjectsAreKeptWholeAndManifestsAlsoGzipped() {
    byte[] playlist = "#EXTM3U\n".repeat(100).getBytes();
    put("a/index.m3u8", playlist);
    put("a/seg.ts", bytes(5000));
    S3ObjectStore store = store(10_000, 100_000);

    LoadResult.Cached manifest = (LoadResult.Cached) store.load("a/index.m3u8").join();
    assertThat(copy(manifest.body())).isEqualTo(playlist);
    assertThat(manifest.gzip()).isNotNull();
    assertThat(manifest.gzip().remaining()).isLessThan(playlist.length);
    assertThat(manifest.meta().length()).isEqualTo(playlist.length);
    assertThat(manifest.gzipEtag()).isNotEqualTo(manifest.meta().etag()).endsWith("-gzip\"");

    LoadResult.Cached segment = (LoadResult.Cached) store.load("a/seg.ts").join();
    assertThat(segment.gzip()).isNull();
    assertThat(store.load("a/missing.ts").join()).isNull();
  }

  @Test
  void largeObjectsAndObjectsBeyondTheInflightBudgetAreStreamed() {
    byte[] big = bytes(20_000);
    put("b/big.ts", big);
    LoadResult tooLarge = store(10_000, 100_000).load("b/big.ts").join();
    assertThat(tooLarge).isEqualTo(new LoadResult.Streamed(tooLarge.meta(), true));
    assertThat(tooLarge.meta().length()).isEqualTo(big.length);

    LoadResult noBudget = store(100_000, 10_000).load("b/big.ts").join();
    assertThat(noBudget).isEqualTo(new LoadResult.Streamed(noBudget.meta(), false));

    S3ObjectStore store = store(10_000, 100_000);
    byte[] streamed = collect(store, "b/big.ts", tooLarge.meta(), null);
    assertThat(streamed).isEqualTo(big);
    byte[] part = collect(store, "b/big.ts", tooLarge.meta(), new ByteRange(100, 199));
    assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(big, 100, 200));
  }

  private static byte[] collect(S3ObjectStore store, String key, ObjectMeta meta, ByteRange r) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    store.stream(key, meta, r)
        .doOnNext(
            (ByteBuf b) -> {
              byte[] chunk = new byte[b.readableBytes()];
              b.readBytes(chunk);
              out.writeBytes(chunk);
              b.release();
            })
        .blockLast();
    return out.toByteArray();
  }

  private static S3ObjectStore store(long maxEntry, long maxInflight) {
    return new S3ObjectStore(s3, BUCKET, maxEntry, maxInflight, new SimpleMeterRegistry());
  }

  private static void put(String key, byte[] bytes) {
    try (S3Client sync = TestS3.client()) {
      sync.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private static byte[] copy(ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.duplicate().get(b);
    return b;
  }
}
