package org.trainkit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.google.testing.compile.Compilation;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No reflection: neither the processor (it reads the user's code through javax.lang.model only)
 * nor the code it makes Dagger and javac produce (the adapter calls members directly).
 */
class ArchitectureTest {

  private static final ArchRule NO_REFLECTION =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("java.lang.reflect..")
          .orShould()
          .callMethod(Class.class, "forName", String.class)
          .orShould()
          .callMethod(Class.class, "getMethod", String.class, Class[].class)
          .orShould()
          .callMethod(Class.class, "getDeclaredMethod", String.class, Class[].class)
          .orShould()
          .callMethod(Class.class, "getDeclaredField", String.class);

  @Test
  void processorUsesNoReflection() throws URISyntaxException {
    Path processorClasses =
        Path.of(TrainableProcessor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JavaClasses classes = new ClassFileImporter().importPath(processorClasses);
    NO_REFLECTION.check(classes);
  }

  @Test
  void generatedClassesUseNoReflection(@TempDir Path work) throws IOException {
    Compilation compilation =
        Compilations.compileWithDagger(Compilations.tagger().toArray(new JavaFileObject[0]));
    assertThat(compilation).succeeded();
    JavaClasses classes =
        new ClassFileImporter().importPath(Compilations.writeClassFiles(compilation, work));
    NO_REFLECTION.check(classes);
  }
}
