package org.trainkit.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The runtime drives components through plain interface calls: none of its classes uses
 * reflection, on the training path or anywhere else. Its packages form no cycle, the root
 * package (the contracts) counted as a package of its own.
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

  @Test
  void runtimePackagesFormNoCycle() {
    packagesFreeOfCycles("org.trainkit.runtime").check(RUNTIME);
  }

  @Test
  void theCycleRuleFailsOnACycle() {
    JavaClasses fixtures = new ClassFileImporter().importPackages("org.trainkit.runtime.archfixture");

    EvaluationResult result = packagesFreeOfCycles("org.trainkit.runtime.archfixture").evaluate(fixtures);

    assertTrue(result.hasViolation(), "the fixture's cycles must be found");
    String report = result.getFailureReport().toString();
    assertTrue(report.contains("Slice a") && report.contains("Slice b"), report);
    assertTrue(report.contains("Slice (root)") && report.contains("Slice c"),
        "a cycle through the root package counts: " + report);
  }

  /**
   * No cycle between the packages under {@code base}: each first-level sub-package (with its own
   * sub-packages) is a slice, and {@code base} itself is one too, named {@code (root)}, so that a
   * contract in the root that reaches into a sub-package is caught.
   */
  static ArchRule packagesFreeOfCycles(String base) {
    return SlicesRuleDefinition.slices()
        .assignedFrom(new SliceAssignment() {
          @Override
          public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(base)) {
              return SliceIdentifier.of("(root)");
            }
            if (name.startsWith(base + ".")) {
              return SliceIdentifier.of(name.substring(base.length() + 1).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
          }

          @Override
          public String getDescription() {
            return "the packages under " + base + ", the root package a slice of its own";
          }
        })
        .should()
        .beFreeOfCycles();
  }
}
