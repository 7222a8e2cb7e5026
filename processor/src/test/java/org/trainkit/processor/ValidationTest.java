package org.trainkit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.trainkit.annotations.Trainable;

/**
 * One negative test per validation rule: the compilation fails with exactly the expected number
 * of errors, and the rule's message (stable id first) is on the line of the offending element.
 */
class ValidationTest {

  private static final String HEADER =
      """
      package test;

      import ai.djl.ndarray.NDArray;
      import ai.djl.ndarray.NDList;
      import ai.djl.ndarray.NDManager;
      import ai.djl.nn.Block;
      import ai.djl.nn.SequentialBlock;
      import java.io.IOException;
      import java.util.List;
      import java.util.Map;
      import java.util.Set;
      import org.trainkit.annotations.Collate;
      import org.trainkit.annotations.Forward;
      import org.trainkit.annotations.Metric;
      import org.trainkit.annotations.Model;
      import org.trainkit.annotations.OnEpochEnd;
      import org.trainkit.annotations.Optimizer;
      import org.trainkit.annotations.Preprocess;
      import org.trainkit.annotations.Trainable;
      import org.trainkit.processor.fixtures.LinesReader;
      import org.trainkit.runtime.EpochSummary;
      import org.trainkit.runtime.ForwardContext;
      import org.trainkit.runtime.ForwardResult;
      import org.trainkit.runtime.MetricsComputer;
      import org.trainkit.runtime.config.TrainerConfig;
      import org.trainkit.runtime.data.DatasetReader;
      import org.trainkit.runtime.optim.StatefulOptimizer;

      """;

  /** The three members every valid class has, for tests about something else. */
  private static final String MODEL = "  @Model Block model = new SequentialBlock();\n";

  private static final String PREPROCESS =
      "  @Preprocess NDList preprocess(String line) { return new NDList(); }\n";

  private static final String FORWARD =
      "  @Forward ForwardResult forward(NDList batch, ForwardContext context) { return null; }\n";

  private static JavaFileObject source(String name, String body) {
    return JavaFileObjects.forSourceString("test." + name, HEADER + body);
  }

  private static JavaFileObject foo(String body) {
    return source("Foo", body);
  }

  /** A valid class with {@code members} added. */
  private static JavaFileObject fooWith(String... members) {
    return foo(
        "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
            + MODEL
            + PREPROCESS
            + FORWARD
            + String.join("", members)
            + "}\n");
  }

  private static void assertError(
      JavaFileObject source, int errors, String message, String line, JavaFileObject... others) {
    JavaFileObject[] sources = new JavaFileObject[others.length + 1];
    sources[0] = source;
    System.arraycopy(others, 0, sources, 1, others.length);
    Compilation compilation = Compilations.compile(sources);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(errors);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
  }

  // The class.

  @Test
  void notAClass() {
    JavaFileObject foo = foo("@Trainable(reader = LinesReader.class)\ninterface Foo {}\n");
    assertError(
        foo,
        1,
        "[TrainableKind] @Trainable applies to classes, and Foo is an interface; put @Trainable on"
            + " a class",
        "@Trainable");
  }

  @Test
  void abstractClass() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nabstract class Foo {\n"
                + MODEL
                + PREPROCESS
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableAbstract] @Trainable class Foo must not be abstract",
        "abstract class Foo");
  }

  @Test
  void privateClass() {
    JavaFileObject outer =
        source(
            "Outer",
            "class Outer {\n"
                + "  @Trainable(reader = LinesReader.class)\n"
                + "  private static class Foo {\n"
                + "    Foo() {}\n"
                + MODEL
                + PREPROCESS
                + FORWARD
                + "  }\n}\n");
    assertError(
        outer,
        1,
        "[TrainablePrivate] @Trainable class Foo must not be private, nor nested in a private"
            + " class",
        "private static class Foo");
  }

  @Test
  void innerClass() {
    JavaFileObject outer =
        source(
            "Outer",
            "class Outer {\n"
                + "  @Trainable(reader = LinesReader.class)\n"
                + "  class Foo {\n"
                + MODEL
                + PREPROCESS
                + FORWARD
                + "  }\n}\n");
    assertError(
        outer,
        1,
        "[TrainableInnerClass] @Trainable class Foo must be top-level or static nested",
        "class Foo");
  }

  @Test
  void genericClass() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo<T> {\n"
                + MODEL
                + PREPROCESS
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableGenericClass] @Trainable class Foo must not declare type parameters",
        "class Foo<T>");
  }

  @Test
  void invalidRunName() {
    JavaFileObject foo =
        foo(
            "@Trainable(name = \"my tagger\", reader = LinesReader.class)\nclass Foo {\n"
                + MODEL
                + PREPROCESS
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableName] @Trainable name \"my tagger\" must be letters, digits, '.', '_' or '-'"
            + ": it names the run directory; choose a name such as \"my-tagger\"",
        "\"my tagger\"");
  }

  @Test
  void noWayToCreateTheClass() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + "  Foo(int size) {}\n"
                + MODEL
                + PREPROCESS
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableConstructor] Foo cannot be created by the generated FooTrainerModule: it has"
            + " no non-private constructor without parameters, no @Inject constructor, and no"
            + " module listed in @Trainable(modules = ...) provides it; add one of these",
        "class Foo");
  }

  @Test
  void listedModuleIsNotAModule() {
    JavaFileObject helper = source("Helper", "class Helper {}\n");
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class,\n    modules = Helper.class)\nclass Foo {\n"
                + MODEL
                + PREPROCESS
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableModule] Helper is listed in @Trainable(modules = ...) but is not a Dagger"
            + " @Module",
        "modules = Helper.class",
        helper);
  }

  // The reader.

  @Test
  void readerOfTheWrongItems() {
    JavaFileObject reader =
        source(
            "NumberReader",
            "class NumberReader implements DatasetReader<Integer> {\n"
                + "  public org.trainkit.runtime.data.ItemSplit split() { return null; }\n"
                + "  public Integer parse(org.trainkit.runtime.data.ItemLines item) { return null; }\n}\n");
    JavaFileObject foo =
        foo(
            "@Trainable(\n    reader = NumberReader.class)\nclass Foo {\n"
                + MODEL
                + PREPROCESS
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableReaderType] @Trainable(reader = NumberReader.class) must implement"
            + " DatasetReader<String>, where String is the @Preprocess parameter type",
        "reader = NumberReader.class",
        reader);
  }

  @Test
  void readerThatCannotBeCreated() {
    JavaFileObject reader =
        source(
            "PathReader",
            "class PathReader implements DatasetReader<String> {\n"
                + "  PathReader(String root) {}\n"
                + "  public org.trainkit.runtime.data.ItemSplit split() { return null; }\n"
                + "  public String parse(org.trainkit.runtime.data.ItemLines item) { return null; }\n}\n");
    JavaFileObject foo =
        foo(
            "@Trainable(\n    reader = PathReader.class)\nclass Foo {\n"
                + MODEL
                + PREPROCESS
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableReaderConstructor] @Trainable(reader = PathReader.class) must be a concrete"
            + " class without type parameters that the generated FooTrainerModule can create",
        "reader = PathReader.class",
        reader);
  }

  @Test
  void noReader() {
    JavaFileObject foo =
        foo("@Trainable(name = \"foo\")\nclass Foo {\n" + MODEL + PREPROCESS + FORWARD + "}\n");
    assertError(
        foo,
        1,
        "[TrainableReaderMissing] Foo has no DatasetReader<String> to read its data files; name"
            + " one with @Trainable(reader = MyReader.class), or provide DatasetReader<String>"
            + " from a @Provides method of a module listed in @Trainable(modules = ...)",
        "@Trainable(name = \"foo\")");
  }

  @Test
  void readerGivenTwice() {
    JavaFileObject module =
        source(
            "ReaderModule",
            "@dagger.Module\nclass ReaderModule {\n"
                + "  @dagger.Provides static DatasetReader<String> lines() {"
                + " return new LinesReader(); }\n}\n");
    JavaFileObject foo =
        foo(
            "@Trainable(\n    reader = LinesReader.class,\n    modules = ReaderModule.class)\n"
                + "class Foo {\n"
                + MODEL
                + PREPROCESS
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableReaderTwice] DatasetReader<String> is given twice, by @Trainable(reader ="
            + " LinesReader.class) and by ReaderModule.lines(); remove one of them",
        "reader = LinesReader.class",
        module);
  }

  // How many of each member.

  @Test
  void missingModel() {
    JavaFileObject foo =
        foo("@Trainable(reader = LinesReader.class)\nclass Foo {\n" + PREPROCESS + FORWARD + "}\n");
    assertError(
        foo,
        1,
        "[TrainableMissingModel] @Trainable class Foo has no @Model; annotate the field or the"
            + " method without parameters that yields its ai.djl.nn.Block with @Model",
        "class Foo");
  }

  @Test
  void missingPreprocess() {
    JavaFileObject foo =
        foo("@Trainable(reader = LinesReader.class)\nclass Foo {\n" + MODEL + FORWARD + "}\n");
    assertError(
        foo,
        1,
        "[TrainableMissingPreprocess] @Trainable class Foo has no @Preprocess method",
        "class Foo");
  }

  @Test
  void missingForward() {
    JavaFileObject foo =
        foo("@Trainable(reader = LinesReader.class)\nclass Foo {\n" + MODEL + PREPROCESS + "}\n");
    assertError(
        foo,
        1,
        "[TrainableMissingForward] @Trainable class Foo has no @Forward method; add @Forward"
            + " ForwardResult forward(B batch, ForwardContext context)",
        "class Foo");
  }

  @Test
  void twoForwardMethods() {
    JavaFileObject foo =
        fooWith(
            "  @Forward ForwardResult forwardAgain(NDList batch, ForwardContext context) {"
                + " return null; }\n");
    assertError(
        foo,
        1,
        "[TrainableDuplicate] only one @Forward is allowed per @Trainable class, and"
            + " forward(NDList, ForwardContext) already is one; remove one of the two",
        "forwardAgain(");
  }

  @Test
  void collateMissingForExamplesThatAreNotNDLists() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + MODEL
                + "  @Preprocess int[] preprocess(String line) { return new int[0]; }\n"
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableMissingCollate] @Collate is required because the example type int[] is not"
            + " NDList; add @Collate B collate(List<int[]> examples, NDManager manager), or make"
            + " @Preprocess return NDList",
        "int[] preprocess(");
  }

  // What every annotated member must be.

  @Test
  void privateMember() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + "  @Model private Block model = new SequentialBlock();\n"
                + PREPROCESS
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainablePrivateMember] @Model field model must not be private: the generated adapter"
            + " uses it; make it package-private",
        "private Block model");
  }

  @Test
  void staticMember() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + MODEL
                + "  @Preprocess static NDList preprocess(String line) { return new NDList(); }\n"
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableStaticMember] @Preprocess preprocess(String) must not be static",
        "static NDList preprocess(");
  }

  @Test
  void genericMethod() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + MODEL
                + PREPROCESS
                + "  @Forward <T> ForwardResult forward(T batch, ForwardContext context) {"
                + " return null; }\n"
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableGenericMethod] @Forward method forward(T, ForwardContext) must not"
            + " declare type parameters; use concrete types",
        "<T> ForwardResult forward(");
  }

  @Test
  void checkedException() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + MODEL
                + "  @Preprocess NDList preprocess(String line) throws IOException {"
                + " return new NDList(); }\n"
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableCheckedException] @Preprocess method preprocess(String) must not throw the"
            + " checked exception IOException",
        "throws IOException");
  }

  @Test
  void wrongParameterCount() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + MODEL
                + PREPROCESS
                + "  @Forward ForwardResult forward(NDList batch) { return null; }\n"
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableParameterCount] @Forward method forward(NDList) must take two parameters,"
            + " not 1; declare it as ForwardResult forward(B batch, ForwardContext context)",
        "forward(NDList batch)");
  }

  // Each member's signature, and the types between members.

  @Test
  void modelThatIsNotABlock() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + "  @Model String model() { return \"\"; }\n"
                + PREPROCESS
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableModelType] @Model must yield an ai.djl.nn.Block, and model() yields String",
        "String model()");
  }

  @Test
  void primitiveRawItem() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + MODEL
                + "  @Preprocess NDList preprocess(\n      int item) { return new NDList(); }\n"
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainablePreprocessParameter] @Preprocess parameter (the raw item) must be of a"
            + " reference type, not int; use Integer",
        "int item");
  }

  @Test
  void preprocessReturningNothing() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + MODEL
                + "  @Preprocess void preprocess(String line) {}\n"
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainablePreprocessReturn] @Preprocess method must return the example, of a reference"
            + " type, not void",
        "void preprocess(");
  }

  @Test
  void collateNotTakingAList() {
    JavaFileObject foo =
        fooWith(
            "  @Collate NDList collate(\n      Set<NDList> examples, NDManager manager) {"
                + " return null; }\n");
    assertError(
        foo,
        1,
        "[TrainableCollateParameters] @Collate method must take (List<E> examples, NDManager"
            + " manager), not (Set<NDList> examples, NDManager manager)",
        "Set<NDList> examples");
  }

  @Test
  void collateElementIsNotTheExampleType() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + MODEL
                + "  @Preprocess int[] preprocess(String line) { return new int[0]; }\n"
                + "  @Collate NDList collate(\n      List<long[]> examples, NDManager manager) {"
                + " return null; }\n"
                + FORWARD
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableCollateElementType] @Collate element type long[] is not the @Preprocess"
            + " result type int[]; take List<int[]>, or make @Preprocess return long[]",
        "List<long[]> examples");
  }

  @Test
  void collateReturningAPrimitive() {
    JavaFileObject foo =
        fooWith("  @Collate int collate(List<NDList> examples, NDManager manager) { return 0; }\n");
    assertError(
        foo,
        1,
        "[TrainableCollateReturn] @Collate method must return the batch, of a reference type,"
            + " not int",
        "int collate(");
  }

  @Test
  void forwardSecondParameterIsNotTheContext() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + MODEL
                + PREPROCESS
                + "  @Forward ForwardResult forward(NDList batch,\n      NDManager manager) {"
                + " return null; }\n"
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableForwardParameters] @Forward method must take (B batch, ForwardContext"
            + " context), not (NDList batch, NDManager manager)",
        "NDManager manager)");
  }

  @Test
  void forwardBatchIsNotTheCollateResult() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + MODEL
                + PREPROCESS
                + "  @Collate Map<String, int[]> collate(List<NDList> examples, NDManager manager)"
                + " { return null; }\n"
                + "  @Forward ForwardResult forward(\n      NDList batch, ForwardContext context)"
                + " { return null; }\n"
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableForwardBatchType] @Forward batch type NDList is not the batch type"
            + " Map<String, int[]> (the @Collate result); declare the parameter as Map<String, int[]>"
            + " batch",
        "NDList batch, ForwardContext context");
  }

  @Test
  void forwardNotReturningForwardResult() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + MODEL
                + PREPROCESS
                + "  @Forward NDList forward(NDList batch, ForwardContext context) {"
                + " return batch; }\n"
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableForwardReturn] @Forward method must return ForwardResult, not NDList; return"
            + " ForwardResult.of(output, loss)",
        "NDList forward(");
  }

  @Test
  void metricWithAnotherSignature() {
    JavaFileObject foo = fooWith("  @Metric int accuracy(NDList batch) { return 0; }\n");
    assertError(
        foo,
        1,
        "[TrainableMetricSignature] @Metric method accuracy(NDList) must be double"
            + " accuracy(B batch, NDList output), or take no parameter and return"
            + " MetricsComputer<B>",
        "int accuracy(");
  }

  @Test
  void metricOfAnotherBatchType() {
    JavaFileObject foo =
        fooWith("  @Metric double accuracy(\n      NDArray batch, NDList output) { return 0; }\n");
    assertError(
        foo,
        1,
        "[TrainableMetricBatchType] @Metric accuracy reads batches of type NDArray, but the batch"
            + " type is NDList; declare the parameter as NDList batch",
        "NDArray batch");
  }

  @Test
  void metricsComputerOfAnotherBatchType() {
    JavaFileObject foo =
        fooWith("  @Metric MetricsComputer<NDArray> entities() { return null; }\n");
    assertError(
        foo,
        1,
        "[TrainableMetricBatchType] @Metric entities reads batches of type NDArray, but the"
            + " batch type is NDList; return MetricsComputer<NDList>",
        "MetricsComputer<NDArray> entities()");
  }

  @Test
  void namedMetricsComputer() {
    JavaFileObject foo =
        fooWith(
            "  @Metric(name = \"f1\")\n"
                + "  MetricsComputer<NDList> entities() { return null; }\n");
    assertError(
        foo,
        1,
        "[TrainableMetricName] @Metric entities returns a MetricsComputer, which names its own"
            + " values in names(), so name = \"f1\" names nothing; remove name = ... from @Metric",
        "@Metric(name = \"f1\")");
  }

  @Test
  void duplicateMetricNames() {
    JavaFileObject foo =
        fooWith(
            "  @Metric double accuracy(NDList batch, NDList output) { return 0; }\n",
            "  @Metric(name = \"accuracy\")\n"
                + "  double tokenAccuracy(NDList batch, NDList output) { return 0; }\n");
    assertError(
        foo,
        1,
        "[TrainableMetricDuplicate] metric name \"accuracy\" is already used by @Metric"
            + " accuracy(NDList, NDList); give each metric its own name",
        "@Metric(name = \"accuracy\")");
  }

  @Test
  void reservedMetricName() {
    JavaFileObject foo =
        fooWith(
            "  @Metric(name = \"loss\")\n"
                + "  double smoothed(NDList batch, NDList output) { return 0; }\n");
    assertError(
        foo,
        1,
        "[TrainableMetricName] metric name \"loss\" is reserved for the loss; choose another"
            + " with @Metric(name = ...)",
        "@Metric(name = \"loss\")");
  }

  @Test
  void onEpochEndWithoutTheSummary() {
    JavaFileObject foo = fooWith("  @OnEpochEnd boolean done() { return false; }\n");
    assertError(
        foo,
        1,
        "[TrainableOnEpochEnd] @OnEpochEnd method must be void done(EpochSummary summary), not"
            + " boolean done(); change its signature to that",
        "boolean done()");
  }

  @Test
  void optimizerOfAnotherType() {
    JavaFileObject foo =
        fooWith("  @Optimizer Object optimizer(TrainerConfig config) { return null; }\n");
    assertError(
        foo,
        1,
        "[TrainableOptimizer] @Optimizer method must be StatefulOptimizer"
            + " optimizer(TrainerConfig config), not Object optimizer(TrainerConfig config)",
        "Object optimizer(");
  }

  @Test
  void dataDependentOnOtherItems() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\n"
                + "class Foo implements org.trainkit.runtime.DataDependent<Integer> {\n"
                + MODEL
                + PREPROCESS
                + FORWARD
                + "  public void fit(org.trainkit.runtime.data.Dataset<Integer> items) {}\n"
                + "  public void saveState(java.nio.file.Path directory) {}\n"
                + "  public void loadState(java.nio.file.Path directory) {}\n"
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableDataDependentType] Foo implements DataDependent<Integer>, but its raw item type"
            + " (the @Preprocess parameter) is String: the trainer fits it on a Dataset of those items;"
            + " implement DataDependent<String>",
        "class Foo implements");
  }

  @Test
  void predictionRendererOfAnotherBatchType() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\n"
                + "class Foo implements org.trainkit.runtime.PredictionRenderer<NDArray> {\n"
                + MODEL
                + PREPROCESS
                + FORWARD
                + "  public List<org.trainkit.runtime.Prediction> predictions(NDArray batch,"
                + " NDList output) { return List.of(); }\n"
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainablePredictionRendererType] Foo implements PredictionRenderer<NDArray>, but its"
            + " batch type is NDList: the trainer renders those batches; implement"
            + " PredictionRenderer<NDList>",
        "class Foo implements");
  }

  @Test
  void memberAnnotationOutsideATrainableClass() {
    JavaFileObject foo =
        foo(
            "class Foo {\n"
                + "  @Forward ForwardResult forward(NDList batch, ForwardContext context) {"
                + " return null; }\n"
                + "}\n");
    assertError(
        foo,
        1,
        "[TrainableNotAnnotated] @Forward is on a member of Foo, which is not annotated"
            + " @Trainable, so nothing uses it; annotate Foo with @Trainable, or remove @Forward",
        "@Forward");
  }

  @Test
  void runtimeNotOnTheClasspath() throws Exception {
    File annotationsOnly =
        new File(Trainable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JavaFileObject foo =
        JavaFileObjects.forSourceString(
            "test.Foo",
            "package test;\n\n@org.trainkit.annotations.Trainable\nclass Foo {}\n");
    Compilation compilation =
        javac()
            .withProcessors(new TrainableProcessor())
            .withClasspath(List.of(annotationsOnly))
            .compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[TrainableRuntimeMissing] ai.djl.nn.Block is not on the compile classpath, so"
                + " nothing can be generated for Foo; add the org.trainkit:trainkit-runtime"
                + " dependency")
        .inFile(foo)
        .onLineContaining("class Foo");
  }

  // All at once.

  @Test
  void everyErrorOfAClassIsReportedInOneRound() {
    JavaFileObject foo =
        foo(
            "@Trainable(reader = LinesReader.class)\nclass Foo {\n"
                + "  @Model private String model;\n"
                + "  @Preprocess int[] preprocess(String line) { return null; }\n"
                + "  @Forward NDList forward(NDList batch, ForwardContext context) { return null; }\n"
                + "  @OnEpochEnd void done() {}\n"
                + "}\n");
    Compilation compilation = Compilations.compile(foo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(5);
    assertThat(compilation)
        .hadErrorContaining("[TrainablePrivateMember]")
        .inFile(foo)
        .onLineContaining("private String model");
    assertThat(compilation)
        .hadErrorContaining("[TrainableModelType]")
        .inFile(foo)
        .onLineContaining("private String model");
    assertThat(compilation)
        .hadErrorContaining("[TrainableMissingCollate]")
        .inFile(foo)
        .onLineContaining("int[] preprocess(");
    assertThat(compilation)
        .hadErrorContaining("[TrainableForwardReturn]")
        .inFile(foo)
        .onLineContaining("NDList forward(");
    assertThat(compilation)
        .hadErrorContaining("[TrainableOnEpochEnd]")
        .inFile(foo)
        .onLineContaining("void done()");
  }
}
