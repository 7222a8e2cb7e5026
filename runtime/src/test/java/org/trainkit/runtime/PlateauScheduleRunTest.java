package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.ScheduleType;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;

/**
 * {@code lrSchedule: plateau} lowers the learning rate inside a real run: the dev accuracy of an
 * easy problem soon stops improving, and from then on the rate halves at every evaluation
 * without an improvement (patience 1). The rate of each iteration is in the returned history, in
 * {@code history.json} and in {@code metrics.csv}, and follows the rule replayed over the
 * monitored values of the history itself.
 */
class PlateauScheduleRunTest {

  private static final List<Point> TRAIN = Points.generate(120, 4, 3, 21, 1);
  private static final List<Point> DEV = Points.generate(60, 4, 3, 21, 2);
  private static final double LEARNING_RATE = 0.05;
  private static final double FACTOR = 0.5;

  @TempDir Path dir;

  @Test
  void theRateDropsWhenTheDevMetricStopsImprovingAndTheHistoryShowsIt() throws Exception {
    TrainerConfig config = TrainerConfig.builder()
        .trainingType(TrainingType.EPOCH).iterations(8).batchSize(16).learningRate(LEARNING_RATE)
        .lrSchedule(ScheduleType.PLATEAU).plateauPatience(1).plateauFactor(FACTOR)
        .monitor("accuracy").loaderWorkers(0).device("cpu").progressBar(false).build();
    Path run = dir.resolve("run");
    History history;
    try (Trainer<Point, Point, PointBatch> trainer =
        new Trainer<>(new PointClassifier(16, 3, 0f), config, List.of())) {
      history = trainer.train(TRAIN, DEV, List.of(), run, false);
    }
    List<EpochSummary> iterations = history.iterations();
    assertEquals(8, iterations.size());

    // Each iteration reports the rate its steps used; an evaluation that does not beat the best
    // accuracy so far halves the rate for the iterations after it.
    double expected = LEARNING_RATE;
    double best = Double.NaN;
    int drops = 0;
    for (EpochSummary s : iterations) {
      assertEquals(expected, s.learningRate(), 1e-15, "learning rate of iteration " + s.iteration() + "\n" + history);
      double accuracy = s.value("accuracy");
      if (Double.isNaN(best) || accuracy > best) {
        best = accuracy;
      } else {
        expected *= FACTOR;
        drops++;
      }
    }
    assertTrue(drops >= 2, "the accuracy should stop improving within 8 epochs: " + history);
    assertTrue(iterations.get(7).learningRate() < LEARNING_RATE / 2, history.toString());

    assertEquals(history.withoutTimings(), HistoryJson.read(run.resolve("history.json")).withoutTimings());
    List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
    int column = List.of(csv.get(0).split(",")).indexOf("learningRate");
    assertTrue(column >= 0, csv.get(0));
    assertEquals(9, csv.size());
    for (int i = 0; i < 8; i++) {
      assertEquals(iterations.get(i).learningRate(), Double.parseDouble(csv.get(i + 1).split(",")[column]),
          "metrics.csv row " + (i + 1));
    }
  }
}
