package org.openvod.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openvod.events.testing.TestKafka;
import org.openvod.events.testing.TestS3;
import software.amazon.awssdk.core.sync.RequestBody;

class TestHarnessTest {

  @Test
  void provisionedTopicsCarryRecords() {
    String prefix = TestKafka.uniquePrefix();
    TopicProvisioner.ensureTopics(TestKafka.bootstrapServers(), prefix, (short) 1);
    TopicProvisioner.ensureTopics(TestKafka.bootstrapServers(), prefix, (short) 1); // idempotent
    String topic = Topics.NOTIFICATIONS.name(prefix);
    TestKafka.send(topic, "a1", "hello");
    var records = TestKafka.readUntil(topic, Duration.ofSeconds(20), r -> !r.isEmpty());
    assertThat(records).extracting(r -> r.value()).containsExactly("hello");
  }

  @Test
  void s3RoundTrip() {
    TestS3.createBucket("harness");
    try (var s3 = TestS3.client()) {
      s3.putObject(b -> b.bucket("harness").key("a/b.txt"), RequestBody.fromString("x"));
      assertThat(s3.getObjectAsBytes(b -> b.bucket("harness").key("a/b.txt")).asUtf8String())
          .isEqualTo("x");
    }
  }
}
