package org.trainkit.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trainkit.runtime.report.FakeRuns.assertCurveImage;
import static org.trainkit.runtime.report.FakeRuns.values;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.RunDirectory;

class CurvesTest {

  @TempDir Path run;

  @Test
  void writesLossEachMetricPerClassAndLearningRateAsImagesOfTheFixedSize() throws IOException {
    Map<String, byte[]> images = Curves.write(FakeRuns.history(6, 3, 0.9, true), run);

    assertEquals(
        List.of("curves/loss.png", "curves/accuracy.png", "curves/f1_per_class.png",
            "curves/precision_per_class.png", "curves/learning_rate.png"),
        List.copyOf(images.keySet()));
    for (Map.Entry<String, byte[]> image : images.entrySet()) {
      Path file = run.resolve(image.getKey());
      assertTrue(Files.isRegularFile(file), file.toString());
      assertCurveImage(file);
    }
    assertEquals(headless(), "true");
  }

  @Test
  void rewritingLeavesNoTemporaryFiles() throws IOException {
    History history = FakeRuns.history(2, 1, 0.8, false);
    Curves.write(history, run);
    Curves.write(
        history.plus(new EpochSummary(3, 30, 0.2, 0.3, values("accuracy", 0.7), 1e-4, 1)), run);
    try (Stream<Path> files = Files.list(run.resolve(RunDirectory.CURVES))) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void aHistoryWithoutDevNorMetricsStillHasLossAndLearningRate() throws IOException {
    History history = new History("train_loss", false, List.of(
        new EpochSummary(1, 5, 0.9, Double.NaN, Map.of(), 0.01, 1)));
    Map<String, byte[]> images = Curves.write(history, run);
    assertEquals(List.of("curves/loss.png", "curves/learning_rate.png"),
        List.copyOf(images.keySet()));
    assertCurveImage(run.resolve("curves/loss.png"));
  }

  @Test
  void anEmptyHistoryDrawsEmptyCharts() throws IOException {
    Map<String, byte[]> images = Curves.write(new History("dev_loss", false, List.of()), run);
    for (byte[] png : images.values()) {
      assertCurveImage(png, "empty chart");
    }
  }

  @Test
  void metricNamesBecomeSafeDistinctFileNames() throws IOException {
    History history = new History("dev_loss", false, List.of(new EpochSummary(
        1, 1, 0.5, 0.5,
        values("F1 score", 0.5, "f1_score", 0.4, "a:b*c", 0.3, ".hidden", 0.1, "../up", 0.2,
            "confusion/A/B", 3), 0.1, 1)));
    Map<String, byte[]> images = Curves.write(history, run);
    assertEquals(
        List.of("curves/loss.png", "curves/F1_score.png", "curves/f1_score_2.png",
            "curves/a_b_c.png", "curves/_hidden.png", "curves/_._per_class.png",
            "curves/learning_rate.png"),
        List.copyOf(images.keySet()));
    try (Stream<Path> files = Files.list(run)) {
      assertEquals(List.of("curves"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void perClassChartsAreCappedAndSaySo() {
    List<EpochSummary> its = new ArrayList<>();
    Map<String, Double> metrics = new java.util.LinkedHashMap<>();
    for (int c = 0; c < 20; c++) {
      metrics.put("f1/C" + c, c / 20.0);
    }
    its.add(new EpochSummary(1, 1, 0.5, 0.5, metrics, 0.1, 1));
    List<Curves.Chart> charts = Curves.forRun(new History("dev_loss", false, its));
    Curves.Chart perClass = charts.get(1);
    assertEquals("f1_per_class.png", perClass.file());
    assertEquals(Curves.MAX_CLASS_SERIES, perClass.series().size());
    assertEquals("first 12 of 20 classes", perClass.note());
  }

  @Test
  void absentAndInfiniteValuesAreLeftOutOfTheLines() {
    History history = FakeRuns.history(5, 2, 0.9, true);
    Curves.Chart loss = Curves.forRun(history).get(0);
    assertEquals(5, loss.series().get(0).size(), "train");
    assertEquals(3, loss.series().get(1).size(), "dev: iterations 2, 4 and 5");
    assertEquals(2.0, loss.bestIteration());
    History inf = new History("dev_loss", false, List.of(
        new EpochSummary(1, 1, Double.POSITIVE_INFINITY, 1, Map.of(), 0.1, 1)));
    assertFalse(
        Curves.forRun(inf).get(0).series().stream().anyMatch(s -> s.name().equals("train")));
  }

  @Test
  void overlayDrawsOneLinePerRunPerQuantity() throws IOException {
    Map<String, History> runs = new java.util.LinkedHashMap<>();
    runs.put("a", FakeRuns.history(4, 2, 0.9, false));
    runs.put("b", new History("dev_loss", false, List.of(
        new EpochSummary(1, 1, 0.5, 0.4, values("bleu", 20), 0.1, 1))));
    List<Curves.Chart> charts = Curves.overlay(runs);
    assertEquals(List.of("train_loss", "dev_loss", "accuracy", "bleu", "learning_rate"),
        charts.stream().map(Curves.Chart::title).toList());
    assertEquals(
        List.of("a", "b"), charts.get(0).series().stream().map(Curves.Series::name).toList());
    assertEquals(List.of("a"), charts.get(2).series().stream().map(Curves.Series::name).toList());
    assertCurveImage(Curves.png(charts.get(0)), "overlay");
  }

  private static String headless() {
    return System.getProperty("java.awt.headless");
  }
}
