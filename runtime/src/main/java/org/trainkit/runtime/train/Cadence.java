package org.trainkit.runtime.train;

import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;

/**
 * When things happen in a run: the one place that decides where an iteration ends, and when
 * evaluation and saving are due (Lightning's {@code _should_check_val_fx}, Hugging Face's
 * {@code DefaultFlowCallback}). Pure arithmetic on step and iteration counts, so it is tested on
 * its own.
 *
 * <p>An iteration is an epoch ({@code trainingType: epoch}) or {@code evalFrequency} optimizer
 * steps ({@code step}). In epoch mode the dev set is evaluated every {@code evalFrequency}
 * epochs and {@code checkpoints/last} written every {@code saveFrequency} epochs; in step mode
 * every iteration is evaluated and {@code last} is written every {@code saveFrequency} steps.
 * Both modes also evaluate and save at the last step.
 */
final class Cadence {

  private final boolean stepMode;
  private final boolean hasDev;
  private final int evalFrequency;
  private final int saveFrequency;
  private final int stepsPerEpoch;
  private final long totalSteps;

  Cadence(TrainingType type, int iterations, int evalFrequency, int saveFrequency,
      int batchesPerEpoch, int gradientAccumulation, boolean hasDev) {
    this.stepMode = type == TrainingType.STEP;
    this.hasDev = hasDev;
    this.evalFrequency = evalFrequency;
    this.saveFrequency = saveFrequency;
    this.stepsPerEpoch = (batchesPerEpoch + gradientAccumulation - 1) / gradientAccumulation;
    this.totalSteps = stepMode ? iterations : (long) iterations * stepsPerEpoch;
  }

  /**
   * The cadence of a run with {@code config} over {@code batchesPerEpoch} training batches, with
   * a dev set or without.
   */
  static Cadence of(TrainerConfig config, int batchesPerEpoch, boolean hasDev) {
    return new Cadence(config.trainingType(), config.iterations(), config.evalFrequency(),
        config.saveFrequency(), batchesPerEpoch, config.gradientAccumulation(), hasDev);
  }

  /** Optimizer steps the whole run takes. */
  long totalSteps() {
    return totalSteps;
  }

  /** Optimizer steps in one epoch (the last may accumulate fewer batches). */
  int stepsPerEpoch() {
    return stepsPerEpoch;
  }

  boolean finished(long globalStep) {
    return globalStep >= totalSteps;
  }

  /**
   * Whether the epoch loop must hand back to the fit loop after step {@code globalStep}, since
   * an iteration may end or a save be due there. Epoch mode hands back at the end of the epoch
   * only.
   */
  boolean pauseAfterStep(long globalStep) {
    return stepMode
        && (globalStep % evalFrequency == 0
            || globalStep % saveFrequency == 0
            || globalStep == totalSteps);
  }

  /** Whether an iteration ends after step {@code globalStep}, the epoch having ended or not. */
  boolean iterationEnds(long globalStep, boolean epochEnded) {
    return stepMode ? globalStep % evalFrequency == 0 || globalStep == totalSteps : epochEnded;
  }

  /**
   * The number of the iteration that ends at step {@code globalStep}, with {@code
   * epochsCompleted} epochs done: the step in step mode, the epoch in epoch mode.
   */
  int endingIteration(long globalStep, int epochsCompleted) {
    return stepMode ? (int) globalStep : epochsCompleted;
  }

  /**
   * Whether the iteration {@code iteration}, ending at step {@code globalStep}, evaluates the dev
   * set; never without one.
   */
  boolean evaluationDue(int iteration, long globalStep) {
    return hasDev && (stepMode || iteration % evalFrequency == 0 || globalStep == totalSteps);
  }

  /**
   * Whether {@code checkpoints/last} is due after step {@code globalStep}; {@code
   * iterationsCompleted} counts the iterations ended so far, {@code iterationEnded} says whether
   * one ended at this step.
   */
  boolean saveDue(long globalStep, boolean iterationEnded, int iterationsCompleted) {
    boolean periodic = stepMode
        ? globalStep % saveFrequency == 0
        : iterationEnded && iterationsCompleted % saveFrequency == 0;
    return periodic || globalStep == totalSteps;
  }

  /** The 1-based iteration in progress at step {@code globalStep}, as callbacks see it. */
  int currentIteration(long globalStep, int epoch) {
    return stepMode ? (int) Math.min(totalSteps, globalStep + 1) : epoch + 1;
  }
}
