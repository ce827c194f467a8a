package org.openvod.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/** What the deploy tests share: where things are, settings on free ports, the service jars. */
final class TestPlatforms {

  private TestPlatforms() {}

  /** The deploy module's folder. */
  static Path moduleDir() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  }

  /** The checkout's root, where `./vod` lives. */
  static Path home() {
    return moduleDir().getParent();
  }

  /** The build folder of this run (`openvod.build.dir`, default target). */
  static String buildDir() {
    return System.getProperty("openvod.build.dir", "target");
  }

  /** Settings for a platform in {@code dataDir} with every port free. */
  static Settings onFreePorts(Path dataDir) {
    return Settings.forTest(
        home(),
        dataDir,
        Ports.freePort(),
        Ports.freePort(),
        Ports.freePort(),
        Ports.freePort(),
        Ports.freePort());
  }

  /**
   * The runnable jars of the three services. A developer building deploy alone may lack them, and
   * the test is then skipped; in CI the reactor built them, so a missing jar is a failure there,
   * never a silent skip.
   */
  static ServiceJars serviceJars() {
    ServiceJars jars = new ServiceJars(home(), buildDir());
    for (Service service : Service.values()) {
      String missing = "no runnable jar of " + service.module() + " in " + buildDir();
      if (System.getenv("CI") != null) {
        assertTrue(jars.find(service).isPresent(), missing);
      } else {
        assumeTrue(jars.find(service).isPresent(), missing + " yet");
      }
    }
    return jars;
  }
}
