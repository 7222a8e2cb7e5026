package org.trainkit.runtime;

import java.nio.file.Path;
import org.trainkit.runtime.config.TrainerConfig;

/**
 * A read-only view of where a run stands, passed to every {@link TrainerCallback} hook.
 */
public interface TrainerState {

  TrainerConfig config();

  /** The run directory, where checkpoints and reports go. */
  Path runDirectory();

  /** 1-based number of the current iteration (epoch, or evaluation interval in step mode). */
  int iteration();

  /** Iterations the run will train for in all. */
  int totalIterations();

  /** Optimizer steps taken so far. */
  long globalStep();

  /** Batches in one pass over the training data. */
  int batchesPerEpoch();

  /** The learning rate the next optimizer step will use. */
  double learningRate();
}
