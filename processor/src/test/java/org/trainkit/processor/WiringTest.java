package org.trainkit.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.net.URLClassLoader;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.cli.TrainerSession;
import org.trainkit.runtime.config.TrainerConfig;

/**
 * How the generated module gets the instance and the reader, for each way a class offers them,
 * and how names and visibility follow a nested, package-private class. Each compiles with
 * Dagger's processor, as a user's build does.
 */
class WiringTest {

  @TempDir Path work;

  private static String[] lines(String... lines) {
    return lines;
  }

  private static final String[] IMPORTS =
      lines(
          "package test;",
          "",
          "import ai.djl.ndarray.NDList;",
          "import ai.djl.nn.Block;",
          "import ai.djl.nn.SequentialBlock;",
          "import javax.inject.Inject;",
          "import org.trainkit.annotations.*;",
          "import org.trainkit.processor.fixtures.LinesReader;",
          "import org.trainkit.runtime.ForwardContext;",
          "import org.trainkit.runtime.ForwardResult;",
          "");

  private static final String[] MEMBERS =
      lines(
          "  @Model Block model = new SequentialBlock();",
          "  @Preprocess NDList preprocess(String line) { return new NDList(); }",
          "  @Forward ForwardResult forward(NDList batch, ForwardContext context) { return null; }");

  private static JavaFileObject source(String name, String[]... parts) {
    return Compilations.source(
        "test." + name,
        java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new));
  }

  @Test
  void classWithAnInjectConstructorIsCreatedByDagger() throws Exception {
    JavaFileObject vocabulary =
        source(
            "Vocabulary",
            lines("package test;", "", "import javax.inject.Inject;", ""),
            lines("public class Vocabulary {", "  @Inject Vocabulary() {}", "}"));
    JavaFileObject tagger =
        source(
            "Tagger",
            IMPORTS,
            lines(
                "@Trainable(reader = LinesReader.class)",
                "public class Tagger {",
                "  final Vocabulary vocabulary;",
                "  @Inject Tagger(Vocabulary vocabulary) { this.vocabulary = vocabulary; }"),
            MEMBERS,
            lines("}"));

    Compilation compilation = Compilations.compileWithDagger(vocabulary, tagger);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Compilations.text(compilation, "test.TaggerTrainerModule"))
        .doesNotContain("new Tagger()");
    try (URLClassLoader classes = Compilations.load(compilation, work)) {
      Trainer<String, ?, ?> trainer = session(classes, "Tagger").trainer();
      assertThat(trainer).isNotNull();
      assertThat(trainer.component().getClass().getName()).isEqualTo("test.TaggerTrainable");
    }
  }

  @Test
  void classProvidedByAUserModuleIsNotProvidedAgain() {
    JavaFileObject module =
        source(
            "TaggerModule",
            lines(
                "package test;",
                "",
                "@dagger.Module",
                "public interface TaggerModule {",
                "  @dagger.Provides static Tagger tagger() { return new Tagger(3); }",
                "}"));
    JavaFileObject tagger =
        source(
            "Tagger",
            IMPORTS,
            lines(
                "@Trainable(reader = LinesReader.class, modules = TaggerModule.class)",
                "public class Tagger {",
                "  Tagger(int layers) {}"),
            MEMBERS,
            lines("}"));

    Compilation compilation = Compilations.compileWithDagger(module, tagger);

    assertThat(compilation).succeededWithoutWarnings();
    String generatedModule = Compilations.text(compilation, "test.TaggerTrainerModule");
    assertThat(generatedModule).doesNotContain("static Tagger tagger()");
    assertThat(generatedModule).contains(
            "static TrainableComponent<String, NDList, NDList> component(@TrainedInstance Tagger tagger)");
  }

  @Test
  void readerWithAnInjectConstructorIsBound() {
    JavaFileObject reader =
        source(
            "InjectedReader",
            lines(
                "package test;",
                "",
                "import javax.inject.Inject;",
                "import org.trainkit.runtime.data.DatasetReader;",
                "import org.trainkit.runtime.data.ItemLines;",
                "import org.trainkit.runtime.data.ItemSplit;",
                "",
                "public class InjectedReader implements DatasetReader<String> {",
                "  @Inject InjectedReader() {}",
                "  @Override public ItemSplit split() { return ItemSplit.lines(); }",
                "  @Override public String parse(ItemLines item) { return item.line(0); }",
                "}"));
    JavaFileObject tagger =
        source(
            "Tagger",
            IMPORTS,
            lines("@Trainable(reader = InjectedReader.class)", "public class Tagger {"),
            MEMBERS,
            lines("}"));

    Compilation compilation = Compilations.compileWithDagger(reader, tagger);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Compilations.text(compilation, "test.TaggerTrainerModule"))
        .contains("@Binds\n  abstract DatasetReader<String> reader(InjectedReader reader);");
  }

  @Test
  void nestedPackagePrivateClassGivesJoinedNamesAndPackagePrivateTypes() {
    JavaFileObject outer =
        source(
            "Outer",
            IMPORTS,
            lines(
                "class Outer {",
                "  @Trainable(reader = LinesReader.class)",
                "  static class Tagger {"),
            MEMBERS,
            lines("  }", "}"));

    Compilation compilation = Compilations.compileWithDagger(outer);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Compilations.text(compilation, "test.Outer_TaggerTrainable"))
        .contains("\nfinal class Outer_TaggerTrainable implements TrainableComponent<String, NDList, NDList> {");
    assertThat(Compilations.text(compilation, "test.Outer_TaggerTrainable"))
        .contains("static Outer_TaggerTrainable of(Outer.Tagger tagger) {");
    assertThat(Compilations.text(compilation, "test.Outer_TaggerTrainerModule"))
        .contains("\nabstract class Outer_TaggerTrainerModule {");
    assertThat(Compilations.text(compilation, "test.Outer_TaggerTrainerComponent"))
        .contains("\ninterface Outer_TaggerTrainerComponent extends TrainerSession<String> {");
    assertThat(Compilations.text(compilation, "test.Outer_TaggerTrainerMain"))
        .contains("\"Tagger\", defaults(), config -> DaggerOuter_TaggerTrainerComponent.factory()");
    assertThat(compilation).generatedSourceFile("test.DaggerOuter_TaggerTrainerComponent");
  }

  @SuppressWarnings("unchecked")
  private static TrainerSession<String> session(URLClassLoader classes, String name)
      throws Exception {
    Object factory =
        classes.loadClass("test.Dagger" + name + "TrainerComponent").getMethod("factory").invoke(null);
    return (TrainerSession<String>)
        classes
            .loadClass("test." + name + "TrainerComponent$Factory")
            .getMethod("create", TrainerConfig.class)
            .invoke(factory, TrainerConfig.builder().build());
  }
}
