package org.openvod.ingest.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openvod.engine.output.FileParts;
import org.openvod.events.testing.TestS3;

/** The output sink against a real S3 server (S3Proxy over HTTP with SigV4). */
class S3OutputSinkTest {

  private static byte[] bytes(int length, int seed) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * seed + 7);
    }
    return data;
  }

  @Test
  void partsAreStoredAsOneObjectWithoutBeingJoinedFirst() throws Exception {
    TestS3.createBucket("sink-test");
    try (var s3 = TestS3.client()) {
      AtomicLong written = new AtomicLong();
      S3OutputSink sink =
          new S3OutputSink(s3, "sink-test", "a/c/", () -> false, written::addAndGet);
      FileParts parts =
          new FileParts(List.of(bytes(1_000, 3), bytes(0, 1), bytes(300_000, 5), bytes(17, 11)));

      sink.putParts("video_1/segment_1.m4s", parts, "video/mp4");

      var stored = s3.getObjectAsBytes(b -> b.bucket("sink-test").key("a/c/video_1/segment_1.m4s"));
      assertThat(stored.asByteArray()).isEqualTo(parts.toByteArray());
      assertThat(stored.response().contentType()).isEqualTo("video/mp4");
      assertThat(written.get()).isEqualTo(301_017);

      sink.put("index.mpd", bytes(500, 13), "application/dash+xml");
      assertThat(s3.getObjectAsBytes(b -> b.bucket("sink-test").key("a/c/index.mpd")).asByteArray())
          .isEqualTo(bytes(500, 13));
      assertThat(written.get()).isEqualTo(301_517);
    }
  }

  @Test
  void aStoppedOutputStoresNothing() throws Exception {
    TestS3.createBucket("sink-stopped");
    try (var s3 = TestS3.client()) {
      AtomicBoolean stopped = new AtomicBoolean(true);
      S3OutputSink sink = new S3OutputSink(s3, "sink-stopped", "p/", stopped::get, n -> {});
      assertThatThrownBy(
              () -> sink.putParts("s.m4s", new FileParts(List.of(bytes(10, 1))), "video/mp4"))
          .isInstanceOf(InterruptedIOException.class);
      assertThatThrownBy(() -> sink.put("index.m3u8", bytes(10, 1), null))
          .isInstanceOf(InterruptedIOException.class);
      assertThat(s3.listObjectsV2(b -> b.bucket("sink-stopped")).contents()).isEmpty();
    }
  }
}
