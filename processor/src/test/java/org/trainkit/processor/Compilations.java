package org.trainkit.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dagger.internal.codegen.ComponentProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.List;
import javax.tools.JavaFileObject;

/** How the tests compile: with trainkit's processor alone, or with Dagger's after it. */
final class Compilations {

  private static final String CLASS_OUTPUT = "/CLASS_OUTPUT/";

  private Compilations() {}

  /** Compiles with trainkit's processor only. */
  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new TrainableProcessor()).compile(sources);
  }

  /** Compiles with trainkit's processor and Dagger's, as a user's build does. */
  static Compilation compileWithDagger(JavaFileObject... sources) {
    return javac()
        .withProcessors(new TrainableProcessor(), new ComponentProcessor())
        .compile(sources);
  }

  /** A source from the test resources, e.g. {@code golden/com/example/tagging/Tagger.java}. */
  static JavaFileObject resource(String path) {
    return JavaFileObjects.forResource(path);
  }

  /** A source file {@code test/<Name>.java} from its lines. */
  static JavaFileObject source(String qualifiedName, String... lines) {
    return JavaFileObjects.forSourceLines(qualifiedName, lines);
  }

  /** The text of a generated source file. */
  static String text(Compilation compilation, String qualifiedName) {
    try {
      return compilation
          .generatedSourceFile(qualifiedName)
          .orElseThrow(() -> new AssertionError(qualifiedName + " was not generated"))
          .getCharContent(true)
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the class files of a compilation under {@code directory}, by package, and returns it,
   * so that a class loader or ArchUnit can read them.
   */
  static Path writeClassFiles(Compilation compilation, Path directory) throws IOException {
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String uri = file.toUri().getPath();
      String relative = uri.substring(uri.indexOf(CLASS_OUTPUT) + CLASS_OUTPUT.length());
      Path target = directory.resolve(relative);
      Files.createDirectories(target.getParent());
      try (InputStream in = file.openInputStream()) {
        Files.copy(in, target);
      }
    }
    return directory;
  }

  /** A class loader over the compiled classes, falling back to the test classpath. */
  static URLClassLoader load(Compilation compilation, Path directory) throws IOException {
    writeClassFiles(compilation, directory);
    return new URLClassLoader(
        new URL[] {directory.toUri().toURL()}, Compilations.class.getClassLoader());
  }

  static List<JavaFileObject> tagger() {
    return List.of(
        resource("golden/com/example/tagging/Token.java"),
        resource("golden/com/example/tagging/LineReader.java"),
        resource("golden/com/example/tagging/TaggerOptions.java"),
        resource("golden/com/example/tagging/Tagger.java"));
  }
}
