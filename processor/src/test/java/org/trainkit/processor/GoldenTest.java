package org.trainkit.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What is generated for the canonical class, {@code golden/com/example/tagging/Tagger.java}
 * (every annotation used once), compared character for character with the files under {@code
 * golden/expected/}, so that a reader can see exactly what is generated. The class is compiled
 * with Dagger's processor too, so the golden files are known to compile and to be accepted by
 * Dagger.
 *
 * <p>After an intended change, regenerate them with {@code -Dtrainkit.updateGolden=true} and
 * review the diff.
 */
class GoldenTest {

  private static final String PACKAGE = "com.example.tagging";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "TaggerTrainable",
        "TaggerTrainerModule",
        "TaggerTrainerComponent",
        "TaggerTrainerMain"
      })
  void generatedSourceIsTheGoldenFile(String simpleName) throws IOException {
    Compilation compilation =
        Compilations.compileWithDagger(Compilations.tagger().toArray(new JavaFileObject[0]));
    assertThat(compilation).succeededWithoutWarnings();

    String generated = Compilations.text(compilation, PACKAGE + "." + simpleName);
    String golden = "golden/expected/com/example/tagging/" + simpleName + ".java";
    if (Boolean.getBoolean("trainkit.updateGolden")) {
      Path file = Path.of("src/test/resources", golden);
      Files.createDirectories(file.getParent());
      Files.writeString(file, generated, StandardCharsets.UTF_8);
      return;
    }
    assertWithMessage("generated %s differs from %s", simpleName, golden)
        .that(generated)
        .isEqualTo(read(golden));
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = GoldenTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError(resource + " is missing; run with -Dtrainkit.updateGolden=true");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
