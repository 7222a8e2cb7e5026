package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.checkpoint.CheckpointStore;
import org.trainkit.runtime.checkpoint.LoopState;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.NonFinitePolicy;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.report.RunSummary;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

/**
 * Promise 3, non-finite loss or gradients: by default training stops with a message naming the
 * step, before applying it, and {@code checkpoints/last} stays the last good one; with {@code
 * nonFiniteLoss: skip} the batch is skipped and counted in {@code summary.json}.
 */
class NonFiniteLossTest {

  private static final List<Point> TRAIN = Points.generate(160, 6, 3, 11, 1);
  private static final List<Point> DEV = Points.generate(40, 6, 3, 11, 2);

  @TempDir Path dir;

  private static TrainerConfig config(int steps, NonFinitePolicy policy) {
    return TrainerConfig.builder()
        .trainingType(TrainingType.STEP).iterations(steps).evalFrequency(4).saveFrequency(1)
        .batchSize(16).learningRate(0.01).loaderWorkers(1).device("cpu").progressBar(false)
        .nonFiniteLoss(policy).build();
  }

  @Test
  void nanLossStopsNamingTheStepAndKeepsTheLastGoodCheckpoint() throws Exception {
    Path run = dir.resolve("run");
    try (Trainer<Point, Point, PointBatch> t =
        new Trainer<>(new Poisoned(Set.of(6), false), config(12, NonFinitePolicy.STOP), List.of())) {
      TrainingException e = assertThrows(TrainingException.class,
          () -> t.train(TRAIN, DEV, List.of(), run, false));
      assertTrue(e.getMessage().startsWith("the loss is NaN at step 6 (examples ["), e.getMessage());
      assertTrue(e.getMessage().contains(run.resolve("checkpoints/last") + " (step 5) is intact"),
          e.getMessage());
      assertTrue(e.getMessage().contains("nonFiniteLoss: skip"), e.getMessage());
    }
    Path last = run.resolve("checkpoints/last");
    CheckpointStore.verify(last);
    assertEquals(5, LoopState.read(last.resolve("state.json")).globalStep());

    // the checkpoint is exactly what a clean 5-step run leaves: nothing of step 6 got in
    Path clean = dir.resolve("clean");
    try (Trainer<Point, Point, PointBatch> t =
        new Trainer<>(new Poisoned(Set.of(), false), config(5, NonFinitePolicy.STOP), List.of())) {
      t.train(TRAIN, DEV, List.of(), clean, false);
    }
    assertArrayEquals(
        Files.readAllBytes(clean.resolve("checkpoints/last/parameters.bin")),
        Files.readAllBytes(last.resolve("parameters.bin")));
  }

  @Test
  void nanGradientWithAFiniteLossAlsoStopsBeforeItIsApplied() throws Exception {
    Path run = dir.resolve("run");
    try (Trainer<Point, Point, PointBatch> t =
        new Trainer<>(new Poisoned(Set.of(3), true), config(12, NonFinitePolicy.STOP), List.of())) {
      TrainingException e = assertThrows(TrainingException.class,
          () -> t.train(TRAIN, DEV, List.of(), run, false));
      assertTrue(e.getMessage().startsWith("the gradient norm is NaN at step 3 (the loss was finite)"),
          e.getMessage());
    }
    assertEquals(2, LoopState.read(run.resolve("checkpoints/last/state.json")).globalStep());
  }

  @Test
  void skipSkipsTheBatchesCountsThemInTheSummaryAndKeepsTheModelFinite() throws Exception {
    Path run = dir.resolve("run");
    try (Trainer<Point, Point, PointBatch> t =
        new Trainer<>(new Poisoned(Set.of(3, 7), false), config(12, NonFinitePolicy.SKIP), List.of())) {
      t.train(TRAIN, DEV, List.of(), run, false);
    }
    assertEquals(2, RunSummary.read(run).path("skippedBatches").asLong());
    Path gradients = dir.resolve("gradients");
    try (Trainer<Point, Point, PointBatch> t =
        new Trainer<>(new Poisoned(Set.of(5), true), config(12, NonFinitePolicy.SKIP), List.of())) {
      t.train(TRAIN, DEV, List.of(), gradients, false);
      assertTrue(Double.isFinite(t.evaluate(DEV).get("loss")), "a NaN gradient must not reach the weights");
    }
    assertEquals(1, RunSummary.read(gradients).path("skippedBatches").asLong());
    assertEquals(12, LoopState.read(gradients.resolve("checkpoints/last/state.json")).globalStep());
  }

  /**
   * The classifier, whose training forward passes number {@code poisoned} (1-based) give a NaN
   * loss, or, with {@code gradientOnly}, a finite loss whose gradient is NaN.
   */
  private static final class Poisoned implements TrainableComponent<Point, Point, PointBatch> {
    private final PointClassifier delegate = new PointClassifier(16, 3, 0.2f);
    private final Set<Integer> poisoned;
    private final boolean gradientOnly;
    private int trainingForwards;

    Poisoned(Set<Integer> poisoned, boolean gradientOnly) {
      this.poisoned = poisoned;
      this.gradientOnly = gradientOnly;
    }

    @Override
    public Block model() {
      return delegate.model();
    }

    @Override
    public Point preprocess(Point item) {
      return item;
    }

    @Override
    public PointBatch collate(List<Point> examples, NDManager manager) {
      return delegate.collate(examples, manager);
    }

    @Override
    public ForwardResult forward(PointBatch batch, ForwardContext context) {
      ForwardResult result = delegate.forward(batch, context);
      if (!context.isTraining() || !poisoned.contains(++trainingForwards)) {
        return result;
      }
      NDArray loss = result.loss();
      if (gradientOnly) {
        // sqrt has an infinite slope at 0: the value added is 0, its gradient NaN
        NDArray zero = result.output().head().sub(result.output().head());
        loss = loss.add(zero.sqrt().sum().mul(0));
      } else {
        loss = loss.mul(Float.NaN);
      }
      return ForwardResult.of(result.output(), loss);
    }

    @Override
    public List<MetricsComputer<PointBatch>> metrics() {
      return delegate.metrics();
    }

    @Override
    public List<Prediction> predictions(PointBatch batch, NDList output) {
      return List.of();
    }
  }
}
