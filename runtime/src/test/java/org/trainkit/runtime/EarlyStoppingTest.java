package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.MonitorMode;
import org.trainkit.runtime.loop.EarlyStopping;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

/** Early stopping on a scripted sequence of a monitored metric, in min and max modes. */
class EarlyStoppingTest {

  @TempDir Path dir;

  /** A metric whose value at the n-th evaluation is the n-th of a script. */
  private static MetricsComputer<PointClassifier.PointBatch> scripted(double[] script, AtomicInteger calls) {
    return new MetricsComputer<>() {
      @Override
      public java.util.List<String> names() {
        return java.util.List.of("scripted");
      }

      @Override
      public void update(Batch<PointClassifier.PointBatch> batch, NDList output) {}

      @Override
      public Map<String, Double> compute() {
        return Map.of("scripted", script[calls.getAndIncrement()]);
      }
    };
  }

  @ParameterizedTest(name = "{0} patience {1} min delta {2}: stops after {4}")
  @CsvSource({
    // mode, patience, minDelta, script, expected iterations
    "MAX, 2, 0,    0.5 0.6 0.7 0.65 0.7 0.9 1 1 1 1, 5",
    "MAX, 3, 0,    0.5 0.6 0.7 0.65 0.7 0.9 0.8 0.8 0.8 0.8, 9",
    "MAX, 2, 0.05, 0.5 0.6 0.62 0.64 0.9 0.9 0.9 0.9 0.9 0.9, 4",
    "MIN, 2, 0,    5 4 3 3.5 2 2.5 2.5 1 1 1, 7",
    "MIN, 1, 0,    5 4 4 3 2 1 1 1 1 1, 3",
  })
  void stopsAtTheExpectedIteration(MonitorMode mode, int patience, double minDelta, String script, int expected) {
    double[] values = java.util.Arrays.stream(script.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    AtomicInteger calls = new AtomicInteger();
    TrainerConfig config = TrainerConfig.builder()
        .iterations(10).batchSize(16).monitor("scripted").monitorMode(mode)
        .earlyStoppingPatience(patience).earlyStoppingMinDelta(minDelta)
        .device("cpu").progressBar(false).build();
    PointClassifier component = new PointClassifier(4, 2, 0).withMetric(() -> scripted(values, calls));
    try (Trainer<Point, Point, PointClassifier.PointBatch> trainer = new Trainer<>(component, config, List.of())) {
      History history = trainer.train(
          Points.generate(32, 3, 2, 1, 1), Points.generate(8, 3, 2, 1, 2), List.of(),
          dir.resolve("run"), false);
      assertEquals(expected, history.iterations().size());
    }
    // the same decisions from the unit itself
    EarlyStopping unit = new EarlyStopping(patience, minDelta, mode == MonitorMode.MAX);
    int stoppedAt = 0;
    for (int i = 0; i < values.length; i++) {
      if (unit.update(values[i])) {
        stoppedAt = i + 1;
        break;
      }
    }
    assertEquals(expected, stoppedAt);
  }
}
