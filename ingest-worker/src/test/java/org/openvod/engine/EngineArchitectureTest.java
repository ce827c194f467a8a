package org.openvod.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The media engine stays a plain Java library: no framework, broker, cloud or JSON types. */
class EngineArchitectureTest {

  /** The main classes only, read from where Packager was compiled (any build folder name). */
  private static final JavaClasses ENGINE = importMainClasses();

  private static JavaClasses importMainClasses() {
    try {
      Path classes =
          Path.of(Packager.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      JavaClasses imported = new ClassFileImporter().importPath(classes);
      // guard against an empty import, which would make the rule pass on nothing
      imported.get(Packager.class);
      imported.get(org.openvod.engine.source.hls.HlsDemuxer.class);
      return imported;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void engineImportsNoFrameworks() {
    noClasses()
        .that()
        .resideInAPackage("org.openvod.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.apache.kafka..",
            "software.amazon..",
            "tools.jackson..",
            "com.fasterxml..",
            "org.openvod.events..")
        .because("the media engine is a plain Java library the worker wraps")
        .check(ENGINE);
  }

  @Test
  void theRuleCatchesAViolation() {
    // the same rule over a class that does use Spring must fail, or the rule checks nothing
    JavaClasses offender = new ClassFileImporter().importClasses(Offender.class);
    org.junit.jupiter.api.Assertions.assertThrows(
        AssertionError.class,
        () ->
            noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..")
                .check(offender));
  }

  /** Uses a Spring type, so the rule above has something to find. */
  static final class Offender {
    org.springframework.core.io.Resource resource;
  }
}
