package org.openvod.ingest.config;

import org.openvod.events.TopicProvisioner;
import org.openvod.ingest.output.OutputStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the platform's topics and the output bucket when they are missing. */
final class Provisioning {

  private static final Logger log = LoggerFactory.getLogger(Provisioning.class);

  private final String bootstrap;
  private final WorkerProperties properties;
  private final OutputStore outputs;

  Provisioning(String bootstrap, WorkerProperties properties, OutputStore outputs) {
    this.bootstrap = bootstrap;
    this.properties = properties;
    this.outputs = outputs;
  }

  void run() {
    TopicProvisioner.ensureTopics(bootstrap, properties.topicPrefix(), (short) 1);
    outputs.ensureBucket();
    log.info(
        "topics (prefix '{}') and output bucket '{}' ready",
        properties.topicPrefix(),
        outputs.bucket());
  }
}
