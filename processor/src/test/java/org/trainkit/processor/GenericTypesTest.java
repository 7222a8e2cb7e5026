package org.trainkit.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Parameterized raw item, example and batch types reach the generated code exactly, type
 * arguments and arrays included, never raw: javac and Dagger accept the result without a single
 * unchecked warning.
 */
class GenericTypesTest {

  private static final JavaFileObject TOKEN =
      Compilations.source("test.Token", "package test;", "", "public record Token(String word) {}");

  private static final JavaFileObject READER_MODULE =
      Compilations.source(
          "test.TokenReaderModule",
          "package test;",
          "",
          "import dagger.Module;",
          "import dagger.Provides;",
          "import java.util.List;",
          "import org.trainkit.runtime.data.DatasetReader;",
          "import org.trainkit.runtime.data.ItemSplit;",
          "",
          "@Module",
          "public interface TokenReaderModule {",
          "  @Provides",
          "  static DatasetReader<List<Token>> reader() {",
          "    return DatasetReader.of(ItemSplit.lines(), item -> List.of());",
          "  }",
          "}");

  private static final JavaFileObject PARSER =
      Compilations.source(
          "test.Parser",
          "package test;",
          "",
          "import ai.djl.ndarray.NDList;",
          "import ai.djl.ndarray.NDManager;",
          "import ai.djl.nn.Block;",
          "import ai.djl.nn.SequentialBlock;",
          "import java.util.List;",
          "import java.util.Map;",
          "import org.trainkit.annotations.*;",
          "import org.trainkit.runtime.ForwardContext;",
          "import org.trainkit.runtime.ForwardResult;",
          "",
          "@Trainable(name = \"parser\", modules = TokenReaderModule.class)",
          "public class Parser {",
          "  @Model Block model = new SequentialBlock();",
          "",
          "  @Preprocess Map<String, int[]> preprocess(List<Token> sentence) {",
          "    return Map.of(\"words\", new int[sentence.size()]);",
          "  }",
          "",
          "  @Collate Map<String, List<int[]>> collate(",
          "      List<Map<String, int[]>> examples, NDManager manager) {",
          "    return Map.of();",
          "  }",
          "",
          "  @Forward ForwardResult forward(Map<String, List<int[]>> batch, ForwardContext context) {",
          "    return null;",
          "  }",
          "",
          "  @Metric double exact(Map<String, List<int[]>> batch, NDList output) { return 0; }",
          "}");

  @Test
  void adapterHasTheExactTypeArguments() {
    Compilation compilation = Compilations.compileWithDagger(TOKEN, READER_MODULE, PARSER);
    assertThat(compilation).succeededWithoutWarnings();

    String adapter = Compilations.text(compilation, "test.ParserTrainable");
    assertThat(adapter)
        .contains(
            "public final class ParserTrainable implements"
                + " TrainableComponent<List<Token>, Map<String, int[]>, Map<String, List<int[]>>> {");
    assertThat(adapter).contains("public Map<String, int[]> preprocess(List<Token> item) {");
    assertThat(adapter)
        .contains(
            "public Map<String, List<int[]>> collate(List<Map<String, int[]>> examples,"
                + " NDManager manager) {");
    assertThat(adapter)
        .contains("public ForwardResult forward(Map<String, List<int[]>> batch, ForwardContext context) {");
    assertThat(adapter).contains("public List<MetricsComputer<Map<String, List<int[]>>>> metrics() {");
  }

  @Test
  void componentAndModuleHaveTheExactTypeArguments() {
    Compilation compilation = Compilations.compileWithDagger(TOKEN, READER_MODULE, PARSER);
    assertThat(compilation).succeededWithoutWarnings();

    String component = Compilations.text(compilation, "test.ParserTrainerComponent");
    assertThat(component)
        .contains("public interface ParserTrainerComponent extends TrainerSession<List<Token>> {");
    assertThat(component)
        .contains("Trainer<List<Token>, Map<String, int[]>, Map<String, List<int[]>>> trainer();");
    assertThat(component).contains("DatasetReader<List<Token>> reader();");
    assertThat(component)
        .contains(
            "modules = {\n        ParserTrainerModule.class,\n        TokenReaderModule.class\n    }");

    String module = Compilations.text(compilation, "test.ParserTrainerModule");
    assertThat(module)
        .contains(
            "static TrainableComponent<List<Token>, Map<String, int[]>, Map<String, List<int[]>>>"
                + " component(");
    assertThat(module).doesNotContain("reader(");
  }
}
