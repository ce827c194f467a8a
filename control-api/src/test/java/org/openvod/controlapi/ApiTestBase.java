package org.openvod.controlapi;

import static org.openvod.controlapi.support.Vod.roleArn;
import static org.openvod.controlapi.support.Vod.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.openvod.controlapi.support.Vod;
import org.openvod.events.Json;
import org.openvod.events.TopicSpec;
import org.openvod.events.Topics;
import org.openvod.events.model.ResourceRecord;
import org.openvod.events.testing.TestKafka;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.mediapackagevod.MediaPackageVodClient;

/**
 * One application context for all single-instance API tests: a real Kafka broker (topics under a
 * prefix of their own) and the API on a random port, driven by the AWS SDK's own client.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "openvod.quotas.configurations-per-group=3",
      "openvod.quotas.assets-per-group=60",
      "openvod.public-base-url=http://origin.test:8081"
    })
abstract class ApiTestBase {

  static final String PREFIX = TestKafka.uniquePrefix();
  static final String ACCOUNT = "000000000000";
  static final String ARN_BASE = "arn:aws:mediapackage-vod:us-east-1:" + ACCOUNT + ":";

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    registry.add("openvod.topic-prefix", () -> PREFIX);
  }

  @Value("${local.server.port}")
  int port;

  private MediaPackageVodClient vod;

  MediaPackageVodClient vod() {
    if (vod == null) {
      vod = Vod.client(port);
    }
    return vod;
  }

  @AfterEach
  void closeClient() {
    if (vod != null) {
      vod.close();
      vod = null;
    }
  }

  void group(String id) {
    vod().createPackagingGroup(b -> b.id(id));
  }

  void createAsset(String id, String group) {
    vod()
        .createAsset(
            b ->
                b.id(id)
                    .packagingGroupId(group)
                    .sourceArn(source(id + "/index.m3u8"))
                    .sourceRoleArn(roleArn()));
  }

  /** Every record of a topic of this test's prefix, read to the topic's current end. */
  static List<ConsumerRecord<String, String>> readAll(TopicSpec spec) {
    return Vod.readToEnd(spec.name(PREFIX));
  }

  /** The latest value of every key of the resources topic (tombstones remove the key). */
  static Map<String, ResourceRecord> resources() {
    Map<String, ResourceRecord> out = new HashMap<>();
    for (ConsumerRecord<String, String> r : readAll(Topics.RESOURCES)) {
      if (r.value() == null) {
        out.remove(r.key());
      } else {
        out.put(r.key(), Json.read(r.value(), ResourceRecord.class));
      }
    }
    return out;
  }
}
