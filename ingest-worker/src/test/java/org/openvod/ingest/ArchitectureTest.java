package org.openvod.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The worker's logic is plain Java: only its wiring (config) and main class know Spring. */
class ArchitectureTest {

  @Test
  void onlyTheWiringKnowsSpring() throws Exception {
    // the main classes folder only (the build folder's name varies, so no test-classes filter)
    Path mainClasses =
        Path.of(
            IngestWorkerApplication.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(location -> location.contains("/org/openvod/ingest/"))
            .importPath(mainClasses);
    noClasses()
        .that()
        .resideInAPackage("org.openvod.ingest..")
        .and()
        .resideOutsideOfPackage("org.openvod.ingest.config..")
        .and()
        .doNotHaveSimpleName("IngestWorkerApplication")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .check(classes);
  }
}
