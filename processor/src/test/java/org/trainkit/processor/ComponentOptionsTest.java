package org.trainkit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfigYaml;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.io.RunDirectory;

/**
 * A class's own options through the generated main, as a user runs it: set from a YAML file and
 * from {@code --set}, saved in the run's {@code config.yaml}, and restored when the run is resumed
 * and evaluated. The class's metrics report the options it was built with.
 */
class ComponentOptionsTest {

  @TempDir Path work;

  private URLClassLoader classes;
  private Method run;

  @BeforeEach
  void compileAndLoad() throws Exception {
    Compilation compilation =
        Compilations.compileWithDagger(
            Compilations.resource("functional/com/example/scaled/ScaledLengths.java"));
    assertThat(compilation).succeededWithoutWarnings();
    classes = Compilations.load(compilation, work.resolve("classes"));
    run = classes.loadClass("com.example.scaled.ScaledLengthsTrainerMain").getMethod("run", String[].class);
  }

  @AfterEach
  void close() throws Exception {
    classes.close();
  }

  @Test
  void optionsFromYamlAndSetAreUsedSavedAndRestored() throws Exception {
    Path data = Files.write(work.resolve("lines.txt"),
        IntStream.range(1, 9).mapToObj(i -> "w ".repeat(i).strip()).toList());
    Path yaml = Files.writeString(work.resolve("config.yaml"),
        "iterations: 1\nprogressBar: false\nloaderWorkers: 0\noptions:\n  scale: 3.5\n  unit: words\n");
    Path out = work.resolve("run");

    assertEquals(0, main("train", "--config", yaml.toString(), "--set", "options.label=tagged",
        "--train", data.toString(), "--dev", data.toString(), "--out", out.toString()));

    TrainerConfig saved = TrainerConfigYaml.load(RunDirectory.at(out).config());
    assertEquals(1, saved.iterations());
    assertEquals(0.01, saved.learningRate(), "the class's default for a loop key");
    String savedYaml = Files.readString(RunDirectory.at(out).config());
    assertTrue(savedYaml.contains("options:\n  scale: 3.5\n  unit: words\n  label: tagged\n"), savedYaml);
    assertEquals(List.of(3.5), metric(out, "scale"), "the instance was built with the file's scale");
    assertEquals(List.of(1.0), metric(out, "counts_words"), "and the file's unit");

    // resumed to a second epoch without --config: config.yaml gives the options back
    assertEquals(0, main("train", "--resume", "--set", "iterations=2",
        "--train", data.toString(), "--dev", data.toString(), "--out", out.toString()));
    assertEquals(List.of(3.5, 3.5), metric(out, "scale"));
    assertEquals(List.of(1.0, 1.0), metric(out, "counts_words"));

    String evaluated = stdout(() -> main("evaluate", "--run", out.toString(), "--data", data.toString()));
    assertTrue(evaluated.contains("scale\t3.5000"), evaluated);
    assertTrue(evaluated.contains("counts_words\t1.0000"), evaluated);

    String overridden = stdout(() -> main("evaluate", "--run", out.toString(), "--data",
        data.toString(), "--set", "options.scale=1.5"));
    assertTrue(overridden.contains("scale\t1.5000"), overridden);
  }

  @Test
  void aMistypedOptionIsReportedLikeAConfigKey() throws Exception {
    Path data = Files.write(work.resolve("lines.txt"), List.of("a", "b c"));
    Path yaml = Files.writeString(work.resolve("config.yaml"), "options:\n  scale: 2\n  unti: words\n");
    String err = stderr(() -> assertEquals(2, main("train", "--config", yaml.toString(),
        "--train", data.toString(), "--out", work.resolve("run").toString())));
    assertTrue(err.contains(yaml + ", line 3: unknown key 'options.unti'; did you mean 'options.unit'?"), err);

    String wrongType = stderr(() -> assertEquals(2, main("train", "--set", "options.unit=lines",
        "--train", data.toString(), "--out", work.resolve("run").toString())));
    assertTrue(wrongType.contains("options.unit: \"lines\" is not allowed; must be one of characters, words"), wrongType);

    String typo = stderr(() -> assertEquals(2, main("train", "--set", "option.scale=2",
        "--train", data.toString(), "--out", work.resolve("run").toString())));
    assertTrue(typo.contains("unknown key 'option.scale'; did you mean 'options.scale'?"), typo);
  }

  private int main(String... args) throws Exception {
    return (int) run.invoke(null, (Object) args);
  }

  private static List<Double> metric(Path run, String name) throws Exception {
    List<Double> values = new ArrayList<>();
    for (var iteration : HistoryJson.read(RunDirectory.at(run).history()).iterations()) {
      values.add(iteration.metrics().get(name));
    }
    return values;
  }

  interface Action {
    void run() throws Exception;
  }

  private static String stdout(Action action) throws Exception {
    return captured(action, false);
  }

  private static String stderr(Action action) throws Exception {
    return captured(action, true);
  }

  private static String captured(Action action, boolean err) throws Exception {
    PrintStream original = err ? System.err : System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    if (err) System.setErr(capture); else System.setOut(capture);
    try {
      action.run();
    } finally {
      if (err) System.setErr(original); else System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
