package org.openvod.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds each service's runnable Spring Boot jar in its module's build folder: the {@code -exec}
 * jar, or any jar of the module whose manifest starts the service's main class. (A repackage that
 * runs twice leaves an {@code -exec} jar that starts only another launcher; the check skips it.)
 */
public final class ServiceJars {

  private final Path home;
  private final String buildDir;

  /** {@code home} is the checkout; {@code buildDir} the Maven build folder name (target). */
  public ServiceJars(Path home, String buildDir) {
    this.home = home;
    this.buildDir = buildDir;
  }

  public Optional<Path> find(Service service) {
    Path dir = home.resolve(service.module()).resolve(buildDir);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> jars =
          files
              .filter(f -> f.getFileName().toString().startsWith(service.module() + "-"))
              .filter(f -> f.getFileName().toString().endsWith(".jar"))
              // -exec first, then the newest
              .sorted(
                  Comparator.comparing((Path f) -> !f.toString().endsWith("-exec.jar"))
                      .thenComparing(f -> -f.toFile().lastModified()))
              .toList();
      return jars.stream().filter(jar -> starts(jar, service.mainClass())).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public Path require(Service service) {
    return find(service)
        .orElseThrow(
            () ->
                new LaunchException(
                    "no runnable jar of "
                        + service.module()
                        + " in "
                        + home.resolve(service.module()).resolve(buildDir)
                        + " (a Spring Boot jar whose Start-Class is "
                        + service.mainClass()
                        + "); build it with ./mvnw -DskipTests install (./vod up does)"));
  }

  static boolean starts(Path jar, String mainClass) {
    try (JarFile file = new JarFile(jar.toFile())) {
      var manifest = file.getManifest();
      return manifest != null
          && mainClass.equals(manifest.getMainAttributes().getValue("Start-Class"));
    } catch (IOException e) {
      return false;
    }
  }
}
