package org.openvod.origin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The playback origin: serves egress URLs of playable assets from the output bucket. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ManifestServerApplication {

  public static void main(String[] args) {
    SpringApplication.run(ManifestServerApplication.class, args);
  }
}
