package org.openvod.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The ingest worker: consumes asset lifecycle events, packages sources with the media engine,
 * writes outputs to the output bucket and notifications to Kafka. Its HTTP port serves only
 * actuator health and metrics.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestWorkerApplication {

  public static void main(String[] args) {
    SpringApplication.run(IngestWorkerApplication.class, args);
  }
}
