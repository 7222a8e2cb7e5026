package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.checkpoint.LoopState;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.testing.ForwardingComponent;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.testing.RecordingCallback;

/**
 * Every {@link TrainerCallback} hook fires, in the order its Javadoc gives, in a real run: in
 * epoch mode and in step mode (where an iteration is {@code evalFrequency} steps and the end of
 * the training data can fall inside one), with the dev set's and the test set's batch hooks.
 * And {@code EpochSummary.requestStop()} from the component's {@code @OnEpochEnd} method ends a
 * run after that iteration, with checkpoints and reports written.
 */
class CallbackOrderTest {

  /** 40 examples at batch size 16: batches of 16, 16 and 8. */
  private static final List<Point> TRAIN = Points.generate(40, 4, 3, 5, 1);
  /** 20 examples at inference batch size 16: two dev batches. */
  private static final List<Point> DEV = Points.generate(20, 4, 3, 5, 2);
  /** One test batch. */
  private static final List<Point> TEST = Points.generate(10, 4, 3, 5, 3);

  @TempDir Path dir;

  private static TrainerConfig.Builder config() {
    return TrainerConfig.builder().batchSize(16).inferenceBatchSize(16).learningRate(0.01)
        .loaderWorkers(1).device("cpu").progressBar(false);
  }

  @Test
  void epochModeHooksFireInTheDocumentedOrder() throws Exception {
    TrainerConfig config = config().trainingType(TrainingType.EPOCH).iterations(2).build();
    Expected expected = new Expected();
    expected.add("trainBegin 0");
    for (int epoch = 1; epoch <= 2; epoch++) {
      long first = (epoch - 1) * 3L;
      expected.add("iterationBegin " + first + " iteration " + epoch);
      expected.steps(first, first + 3);
      expected.add("loaderExhausted " + (first + 3));
      expected.validation(first + 3, 2);
      expected.add("iterationEnd " + (first + 3) + " iteration " + epoch);
    }
    expected.test(6);
    expected.add("trainEnd 6");

    RecordingCallback recorded = train(config, component(), dir.resolve("epochs"));
    assertEquals(expected.lines, recorded.events());
    assertHooksSawTheRun(recorded, 2, 6);
  }

  @Test
  void stepModeHooksFireInTheDocumentedOrder() throws Exception {
    // 8 steps, an iteration every 4: the training data (3 batches) runs out after steps 3 and 6,
    // inside the iterations.
    TrainerConfig config =
        config().trainingType(TrainingType.STEP).iterations(8).evalFrequency(4).saveFrequency(4).build();
    Expected expected = new Expected();
    expected.add("trainBegin 0");
    expected.add("iterationBegin 0 iteration 1");
    expected.steps(0, 3);
    expected.add("loaderExhausted 3");
    expected.steps(3, 4);
    expected.validation(4, 2);
    expected.add("iterationEnd 4 iteration 4");
    expected.add("iterationBegin 4 iteration 5");
    expected.steps(4, 6);
    expected.add("loaderExhausted 6");
    expected.steps(6, 8);
    expected.validation(8, 2);
    expected.add("iterationEnd 8 iteration 8");
    expected.test(8);
    expected.add("trainEnd 8");

    RecordingCallback recorded = train(config, component(), dir.resolve("steps"));
    assertEquals(expected.lines, recorded.events());
    assertHooksSawTheRun(recorded, 2, 8);
  }

  @Test
  void requestStopFromOnEpochEndStopsTheRunAfterThatIteration() throws Exception {
    TrainerConfig config = config().trainingType(TrainingType.EPOCH).iterations(6).build();
    List<Integer> seen = new ArrayList<>();
    ForwardingComponent<Point, Point, PointBatch> stopsAfterTwo = new ForwardingComponent<>(component()) {
      @Override
      public void onEpochEnd(EpochSummary summary) {
        seen.add(summary.iteration());
        if (summary.iteration() == 2) {
          summary.requestStop();
        }
      }
    };
    Path run = dir.resolve("stopped");
    RecordingCallback recorded = train(config, stopsAfterTwo, run);

    assertEquals(List.of(1, 2), seen);
    History history = HistoryJson.read(run.resolve("history.json"));
    assertEquals(List.of(1, 2), history.iterations().stream().map(EpochSummary::iteration).toList());
    assertEquals(6, LoopState.read(run.resolve("checkpoints/last/state.json")).globalStep());
    assertTrue(Files.exists(run.resolve("summary.json")));
    assertFalse(recorded.events().contains("iterationBegin 6 iteration 3"), recorded.events().toString());
    assertEquals("trainEnd 6", recorded.events().get(recorded.events().size() - 1));
  }

  @Test
  void requestStopFromOnEpochEndStopsAStepModeRunToo() throws Exception {
    TrainerConfig config =
        config().trainingType(TrainingType.STEP).iterations(40).evalFrequency(4).saveFrequency(4).build();
    ForwardingComponent<Point, Point, PointBatch> stopsAtStepEight = new ForwardingComponent<>(component()) {
      @Override
      public void onEpochEnd(EpochSummary summary) {
        if (summary.globalStep() >= 8) {
          summary.requestStop();
        }
      }
    };
    Path run = dir.resolve("stopped-steps");
    train(config, stopsAtStepEight, run);
    History history = HistoryJson.read(run.resolve("history.json"));
    assertEquals(List.of(4L, 8L), history.iterations().stream().map(EpochSummary::globalStep).toList());
    assertEquals(8, LoopState.read(run.resolve("checkpoints/last/state.json")).globalStep());
  }

  /** What the hooks received agrees with the run: losses, dev metrics, summaries, files. */
  private static void assertHooksSawTheRun(RecordingCallback recorded, int iterations, int steps) {
    assertEquals(steps, recorded.stepLosses().size());
    assertTrue(recorded.stepLosses().stream().allMatch(Double::isFinite), recorded.stepLosses().toString());
    assertEquals(iterations, recorded.validationMetrics().size());
    assertEquals(iterations, recorded.summaries().size());
    for (int i = 0; i < iterations; i++) {
      Map<String, Double> metrics = recorded.validationMetrics().get(i);
      EpochSummary summary = recorded.summaries().get(i);
      assertTrue(summary.evaluated());
      assertEquals(metrics.get("loss"), summary.devLoss(), "the summary carries the dev loss");
      assertEquals(metrics.get("accuracy"), summary.metrics().get("accuracy"));
    }
  }

  private RecordingCallback train(
      TrainerConfig config, TrainableComponent<Point, Point, PointBatch> component, Path run) {
    RecordingCallback recorded = new RecordingCallback();
    TrainerCallback filesWrittenAtTrainEnd = new TrainerCallback() {
      @Override
      public void onTrainEnd(TrainerState state, History history) {
        for (String file : List.of("history.json", "summary.json", "metrics.csv", "checkpoints/last", "checkpoints/best")) {
          assertTrue(Files.exists(run.resolve(file)), "onTrainEnd comes after " + file + " is written");
        }
      }
    };
    try (Trainer<Point, Point, PointBatch> trainer =
        new Trainer<>(component, config, List.of(recorded, filesWrittenAtTrainEnd))) {
      trainer.train(TRAIN, DEV, TEST, run, false);
    }
    return recorded;
  }

  private static PointClassifier component() {
    return new PointClassifier(8, 3, 0.1f);
  }

  /** The expected hook sequence, built in the words of {@link RecordingCallback}. */
  private static final class Expected {
    final List<String> lines = new ArrayList<>();

    void add(String line) {
      lines.add(line);
    }

    /** Optimizer steps {@code from + 1 .. to}. */
    void steps(long from, long to) {
      for (long s = from; s < to; s++) {
        lines.add("stepBegin " + s);
        lines.add("stepEnd " + (s + 1));
      }
    }

    void validation(long step, int batches) {
      lines.add("validationBegin " + step);
      for (int b = 0; b < batches; b++) {
        lines.add("validationStepBegin " + step + " batch " + b);
        lines.add("validationStepEnd " + step + " batch " + b);
      }
      lines.add("validationEnd " + step);
    }

    void test(long step) {
      lines.add("testBegin " + step);
      lines.add("testStepBegin " + step + " batch 0");
      lines.add("testStepEnd " + step + " batch 0");
      lines.add("testEnd " + step);
    }
  }
}
