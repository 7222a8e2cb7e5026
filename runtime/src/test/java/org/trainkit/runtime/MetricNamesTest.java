package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.cli.TrainerCli;
import org.trainkit.runtime.config.ConfigException;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.PointsTrainerMain;
import org.trainkit.runtime.train.Trainer;

/**
 * Metrics declare their names up front: a mistyped monitor, two metrics of one name, a metric
 * named like the loss fail before the first step; a computer that returns what it did not
 * declare fails at its first evaluation.
 */
class MetricNamesTest {

  @TempDir Path dir;

  /** A computer that declares {@code declared} and computes {@code computed}, each 1.0. */
  private static MetricsComputer<PointBatch> computer(List<String> declared, List<String> computed) {
    return new MetricsComputer<>() {
      @Override
      public List<String> names() {
        return declared;
      }

      @Override
      public void update(Batch<PointBatch> batch, NDList output) {}

      @Override
      public Map<String, Double> compute() {
        Map<String, Double> values = new LinkedHashMap<>();
        computed.forEach(name -> values.put(name, 1.0));
        return values;
      }
    };
  }

  private static TrainerConfig monitoring(String monitor) {
    return TrainerConfig.builder().monitor(monitor).iterations(1).progressBar(false).build();
  }

  @Test
  void mistypedMonitorFailsOnTheCommandLineBeforeAnyFileIsWritten() throws Exception {
    Path train = dir.resolve("train.tsv");
    Points.write(Points.generate(64, 4, 2, 9, 1), train);
    Path out = dir.resolve("run");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = PointsTrainerMain.run("train", "--train", train.toString(), "--dev", train.toString(),
          "--out", out.toString(), "--set", "monitor=acuracy", "--set", "progressBar=false");
    } finally {
      System.setErr(oldErr);
    }
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(TrainerCli.USAGE, code, message);
    assertTrue(message.contains("monitor: 'acuracy' names no metric; did you mean 'accuracy'?"), message);
    assertFalse(Files.exists(out), "nothing may be written: " + out);
  }

  @Test
  void monitorFarFromEveryNameListsThem() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> new Trainer<>(new PointClassifier(4, 2, 0), monitoring("perplexity"), List.of()));
    assertEquals("monitor", e.field());
    assertEquals("monitor: 'perplexity' names no metric; the metrics are train_loss, dev_loss, accuracy",
        e.getMessage());
  }

  @Test
  void monitorMayNameAMemberOfADeclaredFamily() {
    PointClassifier component = new PointClassifier(4, 2, 0)
        .withMetric(() -> computer(List.of("f1/*"), List.of("f1/north")));
    new Trainer<>(component, monitoring("f1/north"), List.of()).close();
    assertThrows(ConfigException.class,
        () -> new Trainer<>(component, monitoring("recall/north"), List.of()));
  }

  @Test
  void twoMetricsOfOneNameAreAnError() {
    PointClassifier component = new PointClassifier(4, 2, 0)
        .withMetric(() -> computer(List.of("macro_f1", "accuracy"), List.of()));
    TrainingException e = assertThrows(TrainingException.class,
        () -> new Trainer<>(component, TrainerConfig.builder().build(), List.of()));
    assertTrue(e.getMessage().startsWith("metric 'accuracy' is declared by @Metric 'accuracy' and by"
        + " the MetricsComputer written in MetricNamesTest (names [macro_f1, accuracy])"), e.getMessage());
  }

  @Test
  void aMetricNamedLikeTheLossIsAnError() {
    PointClassifier component = new PointClassifier(4, 2, 0)
        .withMetric(() -> computer(List.of("loss"), List.of("loss")));
    TrainingException e = assertThrows(TrainingException.class,
        () -> new Trainer<>(component, TrainerConfig.builder().build(), List.of()));
    assertTrue(e.getMessage().contains("metric 'loss'") && e.getMessage().contains("give it another name"),
        e.getMessage());
  }

  @Test
  void aComputedNameThatWasNotDeclaredFailsTheEvaluation() throws Exception {
    PointClassifier component = new PointClassifier(4, 2, 0)
        .withMetric(() -> computer(List.of("f1/*"), List.of("f1/north", "recall/north")));
    try (Trainer<Points.Point, Points.Point, PointBatch> trainer =
        new Trainer<>(component, monitoring("dev_loss"), List.of())) {
      List<Points.Point> data = Points.generate(16, 4, 2, 9, 1);
      trainer.component().fit(Dataset.of(data));
      TrainingException e = assertThrows(TrainingException.class, () -> trainer.evaluate(data));
      assertTrue(e.getMessage().contains("computed 'recall/north', which its names() does not declare"),
          e.getMessage());
    }
  }
}
