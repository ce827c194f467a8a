package org.openvod.controlapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The MediaPackage VOD control API: REST in front, decisions and state in Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ControlApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(ControlApiApplication.class, args);
  }
}
