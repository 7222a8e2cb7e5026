package org.trainkit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One negative test per rule of a class's own options and loop defaults: the compilation fails
 * with exactly the expected errors, the message (stable id first) on the line of the mistake.
 */
class OptionsValidationTest {

  private static final String HEADER =
      """
      package test;

      import ai.djl.ndarray.NDList;
      import ai.djl.nn.Block;
      import ai.djl.nn.SequentialBlock;
      import java.nio.file.Path;
      import java.util.List;
      import java.util.Map;
      import org.trainkit.annotations.Forward;
      import org.trainkit.annotations.Model;
      import org.trainkit.annotations.Preprocess;
      import org.trainkit.annotations.Trainable;
      import org.trainkit.processor.fixtures.LinesReader;
      import org.trainkit.runtime.ForwardContext;
      import org.trainkit.runtime.ForwardResult;

      """;

  private static final String MEMBERS =
      "  @Model Block model = new SequentialBlock();\n"
          + "  @Preprocess NDList preprocess(String line) { return new NDList(); }\n"
          + "  @Forward ForwardResult forward(NDList batch, ForwardContext context) { return null; }\n";

  private static final String GOOD_OPTIONS =
      "  record Opts(int maxLength, String scheme, Path vectors, boolean lower, double dropout,\n"
          + "      long cap, Kind kind, List<String> labels) {\n"
          + "    static Opts defaults() {\n"
          + "      return new Opts(1, \"bio\", Path.of(\"v\"), true, 0.1, 2, Kind.A, List.of());\n"
          + "    }\n"
          + "  }\n"
          + "  enum Kind { A, B }\n";

  /** A class with the given {@code @Trainable} attributes (one per line) and extra body. */
  private static JavaFileObject foo(String attributes, String body) {
    return JavaFileObjects.forSourceString(
        "test.Foo",
        HEADER
            + "@Trainable(\n    reader = LinesReader.class,\n"
            + attributes
            + ")\nclass Foo {\n"
            + MEMBERS
            + body
            + "}\n");
  }

  private static void assertError(JavaFileObject source, String message, String line) {
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
  }

  @Test
  void validOptionsOfEverySupportedTypeCompile() {
    JavaFileObject foo =
        foo("    options = Foo.Opts.class,\n    defaults = {\"monitor=f1\", \"batchSize=8\","
                + " \"optimizer=adamw\", \"shuffle=false\", \"learningRate=3e-4\"}\n",
            GOOD_OPTIONS + "  Foo(Opts options) {}\n");
    assertThat(Compilations.compileWithDagger(foo)).succeededWithoutWarnings();
  }

  @Test
  void optionsThatAreNoRecord() {
    JavaFileObject foo =
        foo("    options = Foo.Opts.class\n",
            "  static final class Opts { static Opts defaults() { return new Opts(); } }\n"
                + "  Foo(Opts options) {}\n");
    assertError(
        foo,
        "[TrainableOptionsType] @Trainable(options = Opts.class) must be a record",
        "options = Foo.Opts.class");
  }

  @Test
  void optionOfAnUnsupportedType() {
    JavaFileObject foo =
        foo("    options = Foo.Opts.class\n",
            "  record Opts(int maxLength, Map<String, Integer> sizes) {\n"
                + "    static Opts defaults() { return new Opts(1, Map.of()); }\n"
                + "  }\n"
                + "  Foo(Opts options) {}\n");
    assertError(
        foo,
        "[TrainableOptionType] option sizes is of type Map<String, Integer>, which cannot be set"
            + " from YAML or the command line; use String, Path, int, long, double, boolean, an"
            + " enum or List<String>",
        "Map<String, Integer> sizes");
  }

  @Test
  void optionsWithoutDefaults() {
    JavaFileObject foo =
        foo("    options = Foo.Opts.class\n",
            "  record Opts(int maxLength) {}\n  Foo(Opts options) {}\n");
    assertError(
        foo,
        "[TrainableOptionsDefaults] options record Opts has no static method Opts defaults()",
        "options = Foo.Opts.class");
  }

  @Test
  void optionsThatNoConstructorTakes() {
    JavaFileObject foo = foo("    options = Foo.Opts.class\n", GOOD_OPTIONS);
    assertError(
        foo,
        "[TrainableOptionsConstructor] Foo declares the options Opts but has no non-private"
            + " constructor Foo(Opts options) and no @Inject constructor, so it would never see"
            + " them; add Foo(Opts options)",
        "class Foo");
  }

  @Test
  void defaultThatIsNotKeyValue() {
    JavaFileObject foo = foo("    defaults = {\n        \"monitor\"}\n", "");
    assertError(
        foo,
        "[TrainableDefaultFormat] @Trainable(defaults) entry \"monitor\" is not key=value",
        "\"monitor\"}");
  }

  @Test
  void defaultOfAnUnknownKeySuggestsTheNearest() {
    JavaFileObject foo = foo("    defaults = {\n        \"monitr=entity_f1\"}\n", "");
    assertError(
        foo,
        "[TrainableDefaultKey] @Trainable(defaults) sets unknown key 'monitr'; did you mean"
            + " 'monitor'?",
        "monitr=entity_f1");
  }

  @Test
  void defaultWithAValueOfTheWrongType() {
    JavaFileObject foo =
        foo("    defaults = {\n        \"monitor=f1\",\n        \"optimizer=adamx\"}\n", "");
    assertError(
        foo,
        "[TrainableDefaultValue] @Trainable(defaults) optimizer: adamx is not allowed; must be one"
            + " of adam, adamw, sgd",
        "optimizer=adamx");
  }

  @Test
  void defaultSetTwice() {
    JavaFileObject foo =
        foo("    defaults = {\n        \"batchSize=8\",\n        \"batchSize=16\"}\n", "");
    assertError(
        foo, "[TrainableDefaultDuplicate] @Trainable(defaults) sets 'batchSize' twice", "batchSize=16");
  }
}
