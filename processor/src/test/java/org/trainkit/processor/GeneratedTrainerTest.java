package org.trainkit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.testing.compile.Compilation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.History;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.Prediction;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.cli.TrainerSession;
import org.trainkit.runtime.config.TrainerConfig;

/**
 * The generated classes at work: a {@code @Trainable} class is compiled with trainkit's and
 * Dagger's processors, as in a user's build, its classes are loaded, and the trainer is built
 * through {@code DaggerLengthRegressorTrainerComponent} and through {@code
 * LengthRegressorTrainerMain}.
 * Each trains for real, a few steps on CPU.
 */
class GeneratedTrainerTest {

  private static final String PACKAGE = "com.example.lengths.";

  @TempDir Path work;

  private URLClassLoader classes;

  @BeforeEach
  void compileAndLoad() throws Exception {
    Compilation compilation =
        Compilations.compileWithDagger(
            Compilations.resource("functional/com/example/lengths/LengthRegressor.java"),
            Compilations.resource("functional/com/example/lengths/CountingModule.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile(PACKAGE + "DaggerLengthRegressorTrainerComponent");
    classes = Compilations.load(compilation, work.resolve("classes"));
  }

  @AfterEach
  void close() throws Exception {
    classes.close();
  }

  @Test
  void daggerComponentGivesATrainerAndAReader() throws Exception {
    TrainerConfig config = TrainerConfig.builder().iterations(2).batchSize(2).build();
    TrainerSession<String> session = session(config);

    Trainer<String, ?, ?> trainer = session.trainer();
    assertNotNull(trainer);
    assertSame(config, trainer.config());
    assertEquals(PACKAGE + "LengthRegressorTrainable", trainer.component().getClass().getName());

    Path data = Files.write(work.resolve("train.txt"), List.of("a", "abc"));
    try (Stream<String> items = session.reader().read(data)) {
      assertEquals(List.of("a", "abc"), items.collect(Collectors.toList()));
    }
  }

  @Test
  void adapterCallsTheAnnotatedMembersAndStacksNDListExamples() throws Exception {
    @SuppressWarnings("unchecked")
    TrainableComponent<String, NDList, NDList> component =
        (TrainableComponent<String, NDList, NDList>)
            session(TrainerConfig.builder().build()).trainer().component();
    assertEquals("Linear", component.model().getClass().getSimpleName());

    try (NDManager manager = NDManager.newBaseManager()) {
      List<NDList> examples = List.of(component.preprocess("ab"), component.preprocess("abcd"));
      NDList batch = component.collate(examples, manager);
      assertEquals(2, batch.size());
      assertEquals(new Shape(2, 1), batch.get(0).getShape());
      assertEquals(List.of(2f, 4f), floats(batch.get(0).toFloatArray()));
      assertEquals(List.of(4f, 8f), floats(batch.get(1).toFloatArray()));
      assertSame(manager, batch.get(0).getManager());

      List<MetricsComputer<NDList>> metrics = component.metrics();
      assertEquals(1, metrics.size());

      component.fit(org.trainkit.runtime.data.Dataset.of(List.of("a", "b", "c")));
      Path state = Files.createDirectories(work.resolve("state"));
      component.saveState(state);
      assertEquals("3", Files.readString(state.resolve("items.txt")));

      NDList output = new NDList(manager.create(new float[] {4f, 7f}, new Shape(2, 1)));
      assertEquals(
          List.of(Prediction.of("4.0", "4.0"), Prediction.of("8.0", "7.0")),
          component.predictions(batch, output));
    }
  }

  @Test
  void trainsThroughTheDaggerComponent() throws Exception {
    TrainerConfig config =
        TrainerConfig.builder().iterations(2).batchSize(2).progressBar(false).build();
    Trainer<String, ?, ?> trainer = session(config).trainer();
    List<String> lines = IntStream.range(1, 9).mapToObj("x"::repeat).toList();
    AtomicInteger iterations = countedIterations();
    iterations.set(0);

    History history = trainer.train(lines, lines, List.of(), work.resolve("run"), false);

    assertEquals(2, history.iterations().size());
    assertTrue(history.iterations().get(1).metrics().containsKey("abs_error"));
    assertEquals(2, iterations.get(), "the module's callback saw every iteration");
    Object regressor = delegateOf(trainer.component());
    assertEquals(8, regressor.getClass().getField("fittedItems").get(regressor), "fit forwarded");
  }

  @Test
  void aComponentHoldsOneTrainerAroundOneInstanceAndClosingReleasesIt() throws Exception {
    TrainerConfig config =
        TrainerConfig.builder().iterations(1).batchSize(2).progressBar(false).build();
    TrainerSession<String> session = session(config);

    Trainer<String, ?, ?> trainer = session.trainer();
    assertSame(trainer, session.trainer(), "trainer() is scoped to the component");
    Object instance = classes.loadClass(PACKAGE + "LengthRegressorTrainerComponent").getMethod("lengthRegressor").invoke(session);
    assertSame(instance, classes.loadClass(PACKAGE + "LengthRegressorTrainerComponent").getMethod("lengthRegressor").invoke(session));
    assertSame(instance, delegateOf(trainer.component()), "the exposed instance is the trained one");
    assertNotSame(trainer, session(config).trainer(), "another component has its own trainer");

    List<String> lines = IntStream.range(1, 5).mapToObj("x"::repeat).toList();
    trainer.train(lines, List.of(), List.of(), work.resolve("run"), false);
    Block model = trainer.component().model();
    NDArray weight = model.getParameters().valueAt(0).getArray();
    assertFalse(weight.isReleased());
    session.close();
    assertTrue(weight.isReleased(), "closing the session closed its trainer's native memory");
  }

  @Test
  void trainsThroughTheGeneratedMain() throws Exception {
    Path data = Files.write(work.resolve("train.txt"), List.of("a", "ab", "abc", "abcd"));
    Class<?> main = classes.loadClass(PACKAGE + "LengthRegressorTrainerMain");
    String[] args = {
      "train",
      "--train", data.toString(),
      "--dev", data.toString(),
      "--out", work.resolve("run").toString()
    };

    Method run = main.getMethod("run", String[].class);

    assertEquals(0, run.invoke(null, (Object) args));
    assertTrue(Files.isDirectory(work.resolve("run")));
    String[] wrong = {"train", "--no-such-option"};
    assertEquals(2, run.invoke(null, (Object) wrong));
  }

  /** Builds the session through the generated Dagger component's factory. */
  @SuppressWarnings("unchecked")
  private TrainerSession<String> session(TrainerConfig config) throws Exception {
    Object factory =
        classes.loadClass(PACKAGE + "DaggerLengthRegressorTrainerComponent")
            .getMethod("factory")
            .invoke(null);
    Object component =
        classes.loadClass(PACKAGE + "LengthRegressorTrainerComponent$Factory")
            .getMethod("create", TrainerConfig.class)
            .invoke(factory, config);
    return (TrainerSession<String>) component;
  }

  /** The LengthRegressor inside a generated adapter (a test may look; generated code never does). */
  private static Object delegateOf(Object adapter) throws Exception {
    Field delegate = adapter.getClass().getDeclaredField("delegate");
    delegate.setAccessible(true);
    return delegate.get(adapter);
  }

  private AtomicInteger countedIterations() throws Exception {
    return (AtomicInteger)
        classes.loadClass(PACKAGE + "CountingModule").getField("ITERATIONS").get(null);
  }

  private static List<Float> floats(float[] values) {
    return IntStream.range(0, values.length).mapToObj(i -> values[i]).toList();
  }
}
