package org.trainkit.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The rules about using what was trained: {@code @Trainable(writer = ...)} names a creatable
 * {@code PredictionWriter<R, B>}, and a {@code UsesTrainedModel<R, B>} supertype has the class's
 * types. One negative test per message, and what a valid class gets generated.
 */
class PredictionWriterValidationTest {

  private static final String HEADER =
      """
      package test;

      import ai.djl.ndarray.NDList;
      import ai.djl.nn.Block;
      import ai.djl.nn.SequentialBlock;
      import java.util.List;
      import org.trainkit.annotations.Forward;
      import org.trainkit.annotations.Model;
      import org.trainkit.annotations.Preprocess;
      import org.trainkit.annotations.Trainable;
      import org.trainkit.processor.fixtures.LinesReader;
      import org.trainkit.runtime.ForwardContext;
      import org.trainkit.runtime.ForwardResult;
      import org.trainkit.runtime.PredictionWriter;
      import org.trainkit.runtime.PredictsPretrained;
      import org.trainkit.runtime.UsesTrainedModel;
      import org.trainkit.runtime.TrainedModel;

      """;

  private static final String MEMBERS =
      "  @Model Block model = new SequentialBlock();\n"
          + "  @Preprocess NDList preprocess(String line) { return new NDList(); }\n"
          + "  @Forward ForwardResult forward(NDList batch, ForwardContext context) { return null; }\n";

  private static String writer(String name, String types, String constructor) {
    return "class " + name + " implements PredictionWriter<" + types + "> {\n"
        + constructor
        + "  public List<String> render(String format, List<String> items, NDList batch,"
        + " NDList output) { return List.of(); }\n"
        + "}\n";
  }

  private static JavaFileObject foo(String annotation, String supertypes, String more) {
    return JavaFileObjects.forSourceString("test.Foo", HEADER + annotation + "\nclass Foo"
        + supertypes + " {\n" + MEMBERS + more + "}\n");
  }

  private static void assertError(JavaFileObject source, JavaFileObject writer, String message, String line) {
    Compilation compilation = writer == null
        ? Compilations.compile(source) : Compilations.compile(source, writer);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
  }

  @Test
  void writerOfOtherTypes() {
    JavaFileObject writer = JavaFileObjects.forSourceString("test.FooWriter",
        "package test;\nimport ai.djl.ndarray.NDList;\nimport java.util.List;\n"
            + "import org.trainkit.runtime.PredictionWriter;\n"
            + writer("FooWriter", "Integer, NDList", "").replace("List<String> items", "List<Integer> items"));
    assertError(
        foo("@Trainable(reader = LinesReader.class, writer = FooWriter.class)", "", ""),
        writer,
        "[TrainableWriterType] @Trainable(writer = FooWriter.class) must implement"
            + " PredictionWriter<String, NDList>, where String is the @Preprocess parameter type and"
            + " NDList the batch type; implement PredictionWriter<String, NDList>, or name another"
            + " writer",
        "writer = FooWriter.class");
  }

  @Test
  void writerWithoutAUsableConstructor() {
    JavaFileObject writer = JavaFileObjects.forSourceString("test.FooWriter",
        "package test;\nimport ai.djl.ndarray.NDList;\nimport java.util.List;\n"
            + "import org.trainkit.runtime.PredictionWriter;\n"
            + writer("FooWriter", "String, NDList", "  FooWriter(int size) {}\n"));
    assertError(
        foo("@Trainable(reader = LinesReader.class, writer = FooWriter.class)", "", ""),
        writer,
        "[TrainableWriterConstructor] @Trainable(writer = FooWriter.class) must be a concrete"
            + " class without type parameters that the generated adapter can create: accessible,"
            + " with an accessible constructor taking a Foo (the trained instance) or no"
            + " parameters; add one",
        "writer = FooWriter.class");
  }

  @Test
  void usesTrainedModelOfOtherTypes() {
    assertError(
        foo("@Trainable(reader = LinesReader.class)", " implements UsesTrainedModel<String, String>",
            "  public void useTrainedModel(TrainedModel<String, String> model) {}\n"),
        null,
        "[TrainableUsesTrainedModelType] Foo implements UsesTrainedModel<String, String>, but its"
            + " raw item type is String and its batch type NDList: the trainer hands it a model of"
            + " those types; implement UsesTrainedModel<String, NDList>",
        "class Foo implements");
  }

  @Test
  void validWriterAndModelUserAreGenerated() throws IOException {
    JavaFileObject writer = JavaFileObjects.forSourceString("test.FooWriter",
        "package test;\nimport ai.djl.ndarray.NDList;\nimport java.util.List;\n"
            + "import org.trainkit.runtime.PredictionWriter;\n"
            + writer("FooWriter", "String, NDList", "  FooWriter(Foo foo) {}\n"));
    Compilation compilation = Compilations.compileWithDagger(
        foo("@Trainable(reader = LinesReader.class, writer = FooWriter.class)",
            " implements UsesTrainedModel<String, NDList>",
            "  public void useTrainedModel(TrainedModel<String, NDList> model) {}\n"),
        writer);
    assertThat(compilation).succeeded();
    String adapter = compilation
        .generatedFile(StandardLocation.SOURCE_OUTPUT, "test", "FooTrainable.java")
        .orElseThrow()
        .getCharContent(true)
        .toString();
    assertThat(adapter).contains("return new FooWriter(delegate);");
    assertThat(adapter).contains("delegate.useTrainedModel(model);");
    assertThat(adapter).contains("static TrainedModel<String, NDList> restore(Foo foo, Path runDirectory)");
  }

  @Test
  void aClassThatPredictsPretrainedHasItsCallForwarded() throws IOException {
    Compilation compilation = Compilations.compileWithDagger(
        foo("@Trainable(reader = LinesReader.class)", " implements PredictsPretrained",
            "  public void usePretrained() {}\n"));
    assertThat(compilation).succeeded();
    String adapter = compilation
        .generatedFile(StandardLocation.SOURCE_OUTPUT, "test", "FooTrainable.java")
        .orElseThrow()
        .getCharContent(true)
        .toString();
    assertThat(adapter).contains("public void usePretrained() {\n    delegate.usePretrained();\n  }");

    Compilation without = Compilations.compileWithDagger(foo("@Trainable(reader = LinesReader.class)", "", ""));
    assertThat(without).succeeded();
    assertThat(without.generatedFile(StandardLocation.SOURCE_OUTPUT, "test", "FooTrainable.java")
        .orElseThrow().getCharContent(true).toString()).doesNotContain("usePretrained");
  }
}
