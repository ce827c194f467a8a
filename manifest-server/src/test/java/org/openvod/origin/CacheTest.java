package org.openvod.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openvod.origin.support.RawHttp.Response;

/** Hot objects are fetched from S3 once, however many players ask, even all at the same time. */
class CacheTest extends OriginIntegrationTest {

  @Test
  void concurrentMissesShareOneS3Get() throws Exception {
    byte[] segment = bytes(600_000, 21);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("index.m3u8", "#EXTM3U\n".getBytes(StandardCharsets.UTF_8));
    files.put("seg_1.ts", segment);
    Published p = playable(null, null, files);
    String key = p.key("seg_1.ts");
    assertThat(S3_PROXY.gets(key)).isZero();

    int players = 48;
    ExecutorService pool = Executors.newFixedThreadPool(players);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < players; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return get(p.path("seg_1.ts"));
                }));
      }
      start.countDown();
      for (Future<Response> answer : answers) {
        Response r = answer.get();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(segment);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < 20; i++) {
      assertThat(get(p.path("seg_1.ts"), "Range", "bytes=0-99").status()).isEqualTo(206);
      assertThat(send("HEAD", p.path("seg_1.ts")).status()).isEqualTo(200);
    }
    assertThat(S3_PROXY.gets(key)).as("S3 GETs for the segment").isEqualTo(1);
  }

  @Test
  void objectsLargerThanAnEntryAreStreamedEachTime() {
    byte[] large = bytes(MAX_ENTRY_BYTES * 2, 22);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("index.m3u8", "#EXTM3U\n".getBytes(StandardCharsets.UTF_8));
    files.put("large.mp4", large);
    Published p = playable(null, null, files);
    for (int i = 0; i < 3; i++) {
      Response r = get(p.path("large.mp4"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(large);
    }
    // the first GET learns the size and is abandoned, then each request streams its own
    assertThat(S3_PROXY.gets(p.key("large.mp4"))).isEqualTo(4);
  }
}
