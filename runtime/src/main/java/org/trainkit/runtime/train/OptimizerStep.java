package org.trainkit.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.trainkit.runtime.loop.BatchLoader;
import org.trainkit.runtime.Batch;
import org.trainkit.runtime.ForwardMode;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.TrainingException;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.NonFinitePolicy;
import org.trainkit.runtime.loop.Seeds;
import org.trainkit.runtime.optim.GradientClipping;
import org.trainkit.runtime.optim.LearningRateSchedule;
import org.trainkit.runtime.optim.StatefulOptimizer;
import org.trainkit.runtime.optim.StatefulOptimizer.ParameterGradient;

/**
 * One optimizer step (Lightning's {@code _AutomaticOptimization}): forward and backward over up
 * to {@code gradientAccumulation} batches, each loss weighted by its {@link ForwardResult#weight
 * weight} over the step's total, the non-finite policy, clipping by global norm, the update. Each batch is seeded from (run seed, batches seen), so a resumed run draws the same
 * dropout masks.
 */
final class OptimizerStep<R, E, B> {

  /**
   * What one step did.
   *
   * @param batches batches whose gradients were applied
   * @param skipped batches skipped for a non-finite loss or gradient
   * @param lossSum the sum of the applied batches' losses
   */
  record Outcome(int batches, int skipped, double lossSum) {
    /** The mean loss of the applied batches; NaN when none was. */
    double meanLoss() {
      return batches == 0 ? Double.NaN : lossSum / batches;
    }
  }

  /** Every element of an array, of any rank. */
  private static final NDIndex EVERYWHERE = new NDIndex("...");

  private final TrainableComponent<R, E, B> component;
  private final TrainerConfig config;
  private final LazyModel model;
  private final StatefulOptimizer optimizer;
  private final LearningRateSchedule schedule;
  /** What a failed step leaves to resume from, for its message. */
  private final Supplier<String> intactCheckpoint;

  OptimizerStep(TrainableComponent<R, E, B> component, TrainerConfig config, LazyModel model,
      StatefulOptimizer optimizer, LearningRateSchedule schedule, Supplier<String> intactCheckpoint) {
    this.component = component;
    this.config = config;
    this.model = model;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.intactCheckpoint = intactCheckpoint;
  }

  /**
   * Takes step {@code globalStep + 1} from the next batches of {@code loader}; {@code
   * batchesSeen} counts the batches the run consumed before it.
   */
  Outcome run(BatchLoader<R, E, B> loader, long globalStep, long batchesSeen) {
    int accumulate = config.gradientAccumulation();
    double lossSum = 0;
    double weightSum = 0;
    int batches = 0;
    int skipped = 0;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      while (batches + skipped < accumulate && loader.hasNext()) {
        Engine.getInstance().setRandomSeed(Seeds.step(config.seed(), batchesSeen + batches + skipped));
        try (Batch<B> batch = loader.next();
            GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          ForwardResult result =
              component.forward(batch.data(), model.get().context(ForwardMode.TRAIN, batch.manager()));
          float loss = Losses.scalar(result);
          if (Float.isFinite(loss)) {
            double weight = result.weight(batch.size());
            // Gradients add up over micro-batches: each loss counts by its weight, and the sum
            // is divided by the total weight below. A step of one batch needs no weighting.
            collector.backward(accumulate == 1 ? result.loss() : result.loss().mul(weight));
            lossSum += loss;
            weightSum += weight;
            batches++;
          } else if (config.nonFiniteLoss() == NonFinitePolicy.SKIP) {
            skipped++;
          } else {
            throw new TrainingException(
                "the loss is " + loss + " at step " + (globalStep + 1)
                    + " (examples " + Arrays.toString(batch.indices())
                    + "); stopped before applying it. " + intactCheckpoint.get()
                    + "; set nonFiniteLoss: skip to skip such batches instead");
          }
        }
      }
      float scale = accumulate == 1 ? 1f : weightSum > 0 ? (float) (1 / weightSum) : 0f;
      if (batches > 0 && !update(globalStep, scale)) {
        skipped += batches;
        batches = 0;
        lossSum = 0;
      }
    }
    return new Outcome(batches, skipped, lossSum);
  }

  /**
   * Applies the accumulated gradients, times {@code scale}; false when they were not finite and
   * the policy skips them.
   */
  private boolean update(long globalStep, float scale) {
    List<ParameterGradient> gradients = model.get().gradients();
    List<NDArray> arrays = new ArrayList<>(gradients.size());
    gradients.forEach(g -> arrays.add(g.gradient()));
    // One number read back per step: it guards against non-finite gradients (a finite loss can
    // still have them) and is the norm that clipping needs.
    float norm = GradientClipping.globalNorm(arrays) * scale;
    if (Float.isFinite(norm)) {
      float clipped = scale * GradientClipping.clipScale(norm, config.gradientClipNorm());
      optimizer.step(gradients, (float) schedule.learningRate(globalStep), clipped);
      return true;
    }
    if (config.nonFiniteLoss() == NonFinitePolicy.SKIP) {
      arrays.forEach(g -> g.set(EVERYWHERE, 0f)); // gradients add up: drop these
      return false;
    }
    throw new TrainingException(
        "the gradient norm is " + norm + " at step " + (globalStep + 1)
            + " (the loss was finite); stopped before applying it. "
            + intactCheckpoint.get() + "; set nonFiniteLoss: skip to skip such batches instead");
  }
}
