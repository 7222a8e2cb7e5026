package org.trainkit.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The runtime drives components through plain interface calls: none of its classes uses
 * reflection, on the training path or anywhere else.
 */
class ArchitectureTest {

  private static final JavaClasses RUNTIME =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.trainkit.runtime");

  @Test
  void runtimeUsesNoReflection() {
    ArchRule rule =
        noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("java.lang.reflect..")
            .orShould()
            .callMethod(Class.class, "forName", String.class)
            .orShould()
            .callMethod(Class.class, "getDeclaredMethods")
            .orShould()
            .callMethod(Class.class, "getDeclaredFields");
    rule.check(RUNTIME);
  }

  @Test
  void trainingPathDoesNotDependOnReportsOrTheCommandLine() {
    // the loop may write reports through callbacks, but the data → loop → checkpoint path must
    // not reach into the CLI (picocli) or chart code
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.trainkit.runtime.data..", "org.trainkit.runtime.loop..",
            "org.trainkit.runtime.optim..", "org.trainkit.runtime.checkpoint..",
            "org.trainkit.runtime.metrics..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.trainkit.runtime.cli..", "picocli..", "org.jfree..")
        .check(RUNTIME);
  }
}
