package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.OptimizerType;
import org.trainkit.runtime.config.TrainerConfig.ScheduleType;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

/**
 * A run stopped after 3 iterations and resumed for 3 more ends bitwise where an uninterrupted
 * 6-iteration run ends: parameters, optimizer state and history.
 */
class ExactResumeTest {

  private static final List<Point> TRAIN = Points.generate(150, 6, 3, 11, 1);
  private static final List<Point> DEV = Points.generate(60, 6, 3, 11, 2);

  @TempDir Path dir;

  static Stream<Arguments> setups() {
    return Stream.of(
        Arguments.of(TrainingType.EPOCH, OptimizerType.ADAM, ScheduleType.COSINE),
        Arguments.of(TrainingType.EPOCH, OptimizerType.SGD, ScheduleType.STEP),
        Arguments.of(TrainingType.STEP, OptimizerType.ADAM, ScheduleType.STEP),
        Arguments.of(TrainingType.STEP, OptimizerType.SGD, ScheduleType.COSINE));
  }

  private static TrainerConfig config(TrainingType type, OptimizerType optimizer, ScheduleType schedule) {
    boolean steps = type == TrainingType.STEP;
    return TrainerConfig.builder()
        .trainingType(type).iterations(steps ? 24 : 6).evalFrequency(steps ? 4 : 1)
        .saveFrequency(steps ? 4 : 1).batchSize(16).optimizer(optimizer)
        .learningRate(optimizer == OptimizerType.SGD ? 0.05 : 0.01).momentum(0.9)
        .lrSchedule(schedule).warmupSteps(3).lrStepSize(7).lrGamma(0.5)
        .gradientClipNorm(5).loaderWorkers(2).device("cpu").progressBar(false).build();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("setups")
  void stoppedAndResumedRunEndsBitwiseWhereAStraightRunEnds(
      TrainingType type, OptimizerType optimizer, ScheduleType schedule) throws Exception {
    TrainerConfig config = config(type, optimizer, schedule);
    Path straight = dir.resolve("straight");
    Path resumed = dir.resolve("resumed");
    try (Trainer<Point, Point, PointClassifier.PointBatch> t = trainer(config, List.of())) {
      t.train(TRAIN, DEV, List.of(), straight, false);
    }

    // The first half stops like a crash right after the third iteration's checkpoint.
    TrainerCallback crashHalfway = new TrainerCallback() {
      @Override
      public void onIterationEnd(TrainerState state, EpochSummary summary) {
        if (state.globalStep() >= (type == TrainingType.STEP ? 12 : 3L * 10)) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    try (Trainer<Point, Point, PointClassifier.PointBatch> t = trainer(config, List.of(crashHalfway))) {
      assertThrows(IllegalStateException.class, () -> t.train(TRAIN, DEV, List.of(), resumed, false));
    }
    try (Trainer<Point, Point, PointClassifier.PointBatch> t = trainer(config, List.of())) {
      t.train(TRAIN, DEV, List.of(), resumed, true);
    }

    for (String file : List.of("parameters.bin", "optimizer.bin", "schedule.bin")) {
      assertArrayEquals(
          Files.readAllBytes(straight.resolve("checkpoints/last").resolve(file)),
          Files.readAllBytes(resumed.resolve("checkpoints/last").resolve(file)), file);
    }
    History a = HistoryJson.read(straight.resolve("history.json"));
    History b = HistoryJson.read(resumed.resolve("history.json"));
    assertEquals(a.withoutTimings(), b.withoutTimings());
    // One history entry per iteration: every epoch (10 batches of 16 of 150 examples), or every
    // evalFrequency = 4 steps, where step mode numbers an iteration by its last step.
    List<Integer> iterations = a.iterations().stream().map(EpochSummary::iteration).toList();
    List<Long> steps = a.iterations().stream().map(EpochSummary::globalStep).toList();
    if (type == TrainingType.STEP) {
      assertEquals(List.of(4, 8, 12, 16, 20, 24), iterations);
      assertEquals(List.of(4L, 8L, 12L, 16L, 20L, 24L), steps);
    } else {
      assertEquals(List.of(1, 2, 3, 4, 5, 6), iterations);
      assertEquals(List.of(10L, 20L, 30L, 40L, 50L, 60L), steps);
    }
    assertTrue(a.iterations().stream().allMatch(EpochSummary::evaluated), "every iteration is evaluated");
  }

  @Test
  void finishedRunContinuesToMoreIterationsExactly() throws Exception {
    TrainerConfig six = config(TrainingType.EPOCH, OptimizerType.ADAM, ScheduleType.CONSTANT);
    TrainerConfig three = six.toBuilder().iterations(3).build();
    try (Trainer<Point, Point, PointClassifier.PointBatch> t = trainer(six, List.of())) {
      t.train(TRAIN, DEV, List.of(), dir.resolve("six"), false);
    }
    try (Trainer<Point, Point, PointClassifier.PointBatch> t = trainer(three, List.of())) {
      t.train(TRAIN, DEV, List.of(), dir.resolve("continued"), false);
    }
    try (Trainer<Point, Point, PointClassifier.PointBatch> t = trainer(six, List.of())) {
      History h = t.train(TRAIN, DEV, List.of(), dir.resolve("continued"), true);
      assertEquals(6, h.iterations().size());
    }
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("six/checkpoints/last/parameters.bin")),
        Files.readAllBytes(dir.resolve("continued/checkpoints/last/parameters.bin")));
  }

  private static Trainer<Point, Point, PointClassifier.PointBatch> trainer(
      TrainerConfig config, List<TrainerCallback> callbacks) {
    return new Trainer<>(new PointClassifier(16, 3, 0.2f), config, callbacks);
  }
}
