package org.openvod.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.source.ByteSource;
import org.openvod.events.testing.TestS3;
import software.amazon.awssdk.core.sync.RequestBody;

class S3SourceLocatorTest {

  @Test
  void resolvesPathsLikeAPlayerAndRefusesToLeaveTheBucket() throws Exception {
    assertThat(S3SourceLocator.resolve("a/b/", "v0/index.m3u8")).isEqualTo("a/b/v0/index.m3u8");
    assertThat(S3SourceLocator.resolve("a/b/", "../c/./seg.ts")).isEqualTo("a/c/seg.ts");
    assertThat(S3SourceLocator.resolve("a/b/", "/other/seg.ts")).isEqualTo("other/seg.ts");
    assertThat(S3SourceLocator.resolve("", "master.m3u8")).isEqualTo("master.m3u8");
    assertThatThrownBy(() -> S3SourceLocator.resolve("a/", "../../etc/passwd"))
        .isInstanceOf(PackagingException.class)
        .hasMessageContaining("leaves the source bucket")
        .extracting(e -> ((PackagingException) e).reason())
        .isEqualTo(PackagingException.Reason.MALFORMED_SOURCE);
    assertThatThrownBy(() -> S3SourceLocator.resolve("a/", "http://evil.example/seg.ts"))
        .hasMessageContaining("outside the source bucket");
    assertThatThrownBy(() -> S3SourceLocator.resolve("a/", "sub/"))
        .hasMessageContaining("does not name a file");
  }

  @Test
  void readsRangesFromS3AndCountsBytes() throws Exception {
    TestS3.createBucket("locator-test");
    byte[] data = new byte[10_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31);
    }
    try (var s3 = TestS3.client()) {
      s3.putObject(b -> b.bucket("locator-test").key("t/v0/seg.ts"), RequestBody.fromBytes(data));
      AtomicLong read = new AtomicLong();
      AtomicBoolean stopped = new AtomicBoolean();
      S3SourceLocator locator =
          new S3SourceLocator(s3, "locator-test", "t/", stopped::get, read::addAndGet);

      ByteSource source = locator.open("v0/seg.ts");
      assertThat(source.length()).isEqualTo(10_000);
      byte[] middle = source.read(4_000, 100);
      assertThat(middle).containsExactly(java.util.Arrays.copyOfRange(data, 4_000, 4_100));
      assertThat(source.read(9_990, 100)).hasSize(10); // fewer at the end
      assertThat(source.read(10_000, 5)).isEmpty();
      assertThat(read.get()).isEqualTo(110);

      assertThatThrownBy(() -> locator.open("v0/missing.ts"))
          .isInstanceOf(PackagingException.class)
          .hasMessageContaining("s3://locator-test/t/v0/missing.ts")
          .extracting(e -> ((PackagingException) e).reason())
          .isEqualTo(PackagingException.Reason.MISSING_SOURCE);

      stopped.set(true);
      assertThatThrownBy(() -> source.read(0, 10)).isInstanceOf(InterruptedIOException.class);
    }
  }
}
