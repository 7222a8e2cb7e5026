package org.trainkit.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dagger.internal.codegen.ComponentProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Types that another processor generates in a later round: the class is deferred while they are
 * error types, and generated once they resolve; a type that never resolves is reported once,
 * at the end.
 */
class MultiRoundTest {

  private static final JavaFileObject TAGGER =
      Compilations.source(
          "test.Tagger",
          "package test;",
          "",
          "import ai.djl.ndarray.NDList;",
          "import ai.djl.ndarray.NDManager;",
          "import ai.djl.nn.Block;",
          "import ai.djl.nn.SequentialBlock;",
          "import java.util.List;",
          "import org.trainkit.annotations.*;",
          "import org.trainkit.processor.fixtures.LinesReader;",
          "import org.trainkit.runtime.ForwardContext;",
          "import org.trainkit.runtime.ForwardResult;",
          "",
          "@Trainable(reader = LinesReader.class)",
          "public class Tagger {",
          "  @Model Block model = new SequentialBlock();",
          "",
          "  @Preprocess List<Token> preprocess(String line) { return List.of(new Token(line)); }",
          "",
          "  @Collate NDList collate(List<List<Token>> examples, NDManager manager) {",
          "    return new NDList();",
          "  }",
          "",
          "  @Forward ForwardResult forward(NDList batch, ForwardContext context) { return null; }",
          "}");

  @Test
  void classUsingATypeGeneratedInALaterRoundIsDeferredThenGenerated() {
    LateTypeProcessor late =
        new LateTypeProcessor("test.Token", "package test;\n\npublic record Token(String word) {}\n");
    Compilation compilation =
        javac()
            .withProcessors(late, new TrainableProcessor(), new ComponentProcessor())
            .compile(TAGGER);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(late.roundsTypeWasMissing).containsExactly(1, 2);
    assertThat(Compilations.text(compilation, "test.TaggerTrainable"))
        .contains("implements TrainableComponent<String, List<Token>, NDList>");
    assertThat(compilation).generatedSourceFile("test.DaggerTaggerTrainerComponent");
  }

  @Test
  void readerGeneratedInALaterRoundIsWaitedFor() {
    LateTypeProcessor late =
        new LateTypeProcessor(
            "test.GeneratedReader",
            String.join(
                "\n",
                "package test;",
                "",
                "public final class GeneratedReader",
                "    implements org.trainkit.runtime.data.DatasetReader<String> {",
                "  @Override",
                "  public org.trainkit.runtime.data.ItemSplit split() {",
                "    return org.trainkit.runtime.data.ItemSplit.lines();",
                "  }",
                "  @Override",
                "  public String parse(org.trainkit.runtime.data.ItemLines item) {",
                "    return item.line(0);",
                "  }",
                "}",
                ""));
    JavaFileObject chunker =
        Compilations.source(
            "test.Chunker",
            "package test;",
            "",
            "import ai.djl.ndarray.NDList;",
            "import ai.djl.nn.Block;",
            "import ai.djl.nn.SequentialBlock;",
            "import org.trainkit.annotations.*;",
            "import org.trainkit.runtime.ForwardContext;",
            "import org.trainkit.runtime.ForwardResult;",
            "",
            "@Trainable(reader = GeneratedReader.class)",
            "public class Chunker {",
            "  @Model Block model = new SequentialBlock();",
            "  @Preprocess NDList preprocess(String line) { return new NDList(); }",
            "  @Forward ForwardResult forward(NDList batch, ForwardContext context) { return null; }",
            "}");

    Compilation compilation =
        javac()
            .withProcessors(late, new TrainableProcessor(), new ComponentProcessor())
            .compile(chunker);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Compilations.text(compilation, "test.ChunkerTrainerModule"))
        .contains("return new GeneratedReader();");
  }

  @Test
  void typeThatNeverResolvesIsReportedOnceAtTheEnd() {
    Compilation compilation = Compilations.compile(TAGGER);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[TrainableUnresolvedType] nothing was generated for test.Tagger because"
                + " Token could not be resolved; fix that type's name or import, or check the"
                + " processor that should generate it")
        .inFile(TAGGER)
        .onLineContaining("public class Tagger");
    long ours =
        compilation.errors().stream()
            .filter(d -> d.getMessage(null).startsWith("[Trainable"))
            .count();
    assertThat(ours).isEqualTo(1);
    assertThat(compilation).hadErrorCount(3); // javac's "cannot find symbol", twice, and ours
  }
}
