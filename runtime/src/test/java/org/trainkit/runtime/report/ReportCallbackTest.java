package org.trainkit.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trainkit.runtime.report.FakeRuns.assertCurveImage;
import static org.trainkit.runtime.report.FakeRuns.assertOffline;

import ai.djl.ndarray.NDList;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.Batch;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;

class ReportCallbackTest {

  private static final String[] CLASSES = {"north", "east", "south", "west"};

  @TempDir Path tmp;

  @Test
  void aTinyRealRunGetsCurvesAndAReport() throws IOException {
    Path run = tmp.resolve("run");
    // What the trainer's saved outputs look like; the report must pick it up at the end.
    FakeRuns.outputs(run, "dev-0002.tsv",
        "0\tnorth\tnorth\t0.02", "1\teast\tsouth\t1.7", "2\twest\twest\t0.1");
    List<Point> train = Points.generate(300, 8, 4, 7, 1);
    List<Point> dev = Points.generate(100, 8, 4, 7, 2);
    List<Point> test = Points.generate(100, 8, 4, 7, 3);
    TrainerConfig config = TrainerConfig.builder()
        .iterations(4).batchSize(32).learningRate(0.01).monitor("accuracy")
        .progressBar(false).device("cpu").build();
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    ReportCallback report =
        new ReportCallback(new PrintStream(warnings, true, StandardCharsets.UTF_8));

    History history;
    try (Trainer<Point, Point, PointBatch> trainer = new Trainer<>(
        new PointClassifier(16, 4, 0f).withMetric(PerClass::new), config, List.of(report))) {
      history = trainer.train(train, dev, test, run, false);
    }

    assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    List<String> curves = List.of("loss", "accuracy", "precision_per_class", "recall_per_class",
        "f1_per_class", "learning_rate");
    for (String name : curves) {
      assertCurveImage(run.resolve("curves/" + name + ".png"));
    }
    String html = Files.readString(run.resolve(RunDirectory.REPORT), StandardCharsets.UTF_8);
    assertOffline(html);
    for (String section : List.of(
        "best", "metrics", "curves", "per-class", "confusion", "predictions", "iterations",
        "config")) {
      assertTrue(html.contains("<section id=\"" + section + "\">"), section);
    }
    assertTrue(html.contains("finished in "), "status");
    // the title names what was trained, not the folder ("run")
    assertTrue(html.contains("<title>trainkit report: PointClassifier</title>"), html.substring(0, 300));
    assertTrue(html.contains("<div class=\"value\">" + history.bestIteration().getAsInt()
        + " of 4</div>"), "best iteration");
    assertTrue(html.contains("Confusion matrix (test set)"));
    assertTrue(html.contains("<tr><th>north</th>"), "confusion row");
    assertTrue(html.contains("Predictions: outputs/dev-0002.tsv"));
    assertTrue(
        html.contains("<tr class=\"error\"><td class=\"num\">1</td>"), "the error row first");
    assertEquals(curves.size(), html.split("data:image/png;base64,", -1).length - 1);
    assertTrue(!Files.exists(run.resolve("curves/support_per_class.png")), "supports get no curve");
  }

  @Test
  void refreshedAtEveryIterationWhileTheRunGoesOn() throws IOException {
    Path run = tmp.resolve("run");
    ReportCallback report = new ReportCallback();
    State state = new State(run, 5);
    report.onTrainBegin(state);
    History history = FakeRuns.history(5, 2, 0.9, false);
    report.onIterationEnd(state, history.iterations().get(0));
    String first = Files.readString(run.resolve(RunDirectory.REPORT));
    assertTrue(first.contains("running \u00b7 iteration 1 of 5"), first);
    byte[] loss1 = Files.readAllBytes(run.resolve("curves/loss.png"));

    report.onIterationEnd(state, history.iterations().get(1));
    String second = Files.readString(run.resolve(RunDirectory.REPORT));
    assertTrue(second.contains("running \u00b7 iteration 2 of 5"));
    assertTrue(second.contains("Per class (dev set, best iteration)"));
    assertTrue(!java.util.Arrays.equals(loss1, Files.readAllBytes(run.resolve("curves/loss.png"))),
        "the loss curve was redrawn");

    // No summary.json (say, it could not be written): the report uses what it saw.
    report.onTestEnd(state, FakeRuns.values("loss", 0.3, "accuracy", 0.87));
    report.onTrainEnd(state, history);
    String last = Files.readString(run.resolve(RunDirectory.REPORT));
    assertTrue(last.contains("finished"));
    assertTrue(
        last.contains(
            "<td>accuracy</td><td class=\"num\">0.9000</td><td class=\"num\">0.8700</td>"),
        last);
  }

  @Test
  void aReportThatCannotBeWrittenWarnsOnceAndTrainingGoesOn() throws IOException {
    Path blocker = Files.writeString(tmp.resolve("file"), "x");
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    ReportCallback report =
        new ReportCallback(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    State state = new State(blocker.resolve("run"), 3);
    report.onTrainBegin(state);
    History history = FakeRuns.history(2, 1, 0.9, false);
    for (EpochSummary s : history.iterations()) {
      report.onIterationEnd(state, s);
    }
    report.onTrainEnd(state, history);
    String text = warnings.toString(StandardCharsets.UTF_8);
    assertTrue(
        text.startsWith("warning: cannot write the report in " + blocker.resolve("run")), text);
    assertEquals(1, text.lines().count(), text);
  }

  /** A hand-set trainer state. */
  private record State(Path runDirectory, int totalIterations) implements TrainerState {
    @Override
    public TrainerConfig config() {
      return TrainerConfig.builder().monitor("accuracy").build();
    }

    @Override
    public int iteration() {
      return 1;
    }

    @Override
    public long globalStep() {
      return 0;
    }

    @Override
    public int batchesPerEpoch() {
      return 1;
    }

    @Override
    public double learningRate() {
      return 1e-3;
    }
  }

  /**
   * Per-class precision, recall, f1 and support and the confusion matrix, named as the report
   * expects: {@code f1/north}, {@code confusion/north/east}.
   */
  static final class PerClass implements MetricsComputer<PointBatch> {
    private final long[][] confusion = new long[CLASSES.length][CLASSES.length];

    @Override
    public List<String> names() {
      return List.of("precision/*", "recall/*", "f1/*", "support/*", "confusion/*");
    }

    @Override
    public void update(Batch<PointBatch> batch, NDList output) {
      long[] predicted = output.singletonOrThrow().argMax(1).toLongArray();
      float[] gold = batch.data().y().toFloatArray();
      for (int i = 0; i < predicted.length; i++) {
        confusion[(int) gold[i]][(int) predicted[i]]++;
      }
    }

    @Override
    public Map<String, Double> compute() {
      Map<String, Double> values = new LinkedHashMap<>();
      for (int c = 0; c < CLASSES.length; c++) {
        long tp = confusion[c][c];
        long goldCount = 0;
        long predictedCount = 0;
        for (int o = 0; o < CLASSES.length; o++) {
          goldCount += confusion[c][o];
          predictedCount += confusion[o][c];
        }
        double p = predictedCount == 0 ? 0 : (double) tp / predictedCount;
        double r = goldCount == 0 ? 0 : (double) tp / goldCount;
        values.put("precision/" + CLASSES[c], p);
        values.put("recall/" + CLASSES[c], r);
        values.put("f1/" + CLASSES[c], p + r == 0 ? 0 : 2 * p * r / (p + r));
        values.put("support/" + CLASSES[c], (double) goldCount);
      }
      for (int g = 0; g < CLASSES.length; g++) {
        for (int p = 0; p < CLASSES.length; p++) {
          values.put("confusion/" + CLASSES[g] + "/" + CLASSES[p], (double) confusion[g][p]);
        }
      }
      return values;
    }
  }
}
