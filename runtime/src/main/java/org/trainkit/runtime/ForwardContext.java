package org.trainkit.runtime;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * What a {@code @Forward} method gets from the loop besides its batch.
 *
 * <p>Run the model through {@link #forward(NDList)}: it uses the loop's parameters, sets the
 * training flag (dropout on or off) and initializes the model's parameters from the shapes of
 * the first inputs it sees. In {@link ForwardMode#PREDICT} the batch may hold no labels; return
 * {@link ForwardResult#prediction} then.
 */
public interface ForwardContext {

  /** Why the forward runs: a training step, an evaluation, or a prediction without labels. */
  ForwardMode mode();

  /** True during a training step, false during evaluation and prediction. */
  default boolean isTraining() {
    return mode().isTraining();
  }

  /** Runs the component's model on {@code inputs}. */
  NDList forward(NDList inputs);

  /** A manager for arrays that live only for this step; it is closed after the step. */
  NDManager manager();

  /** The device the model runs on. */
  Device device();
}
