package org.trainkit.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Objects;

/**
 * What a {@code @Forward} method returns: the model's output, which metrics read, and the
 * scalar loss, mean over the batch's examples, which the loop differentiates in training.
 *
 * @param output the model's output for the batch
 * @param loss a scalar: the batch's mean loss
 */
public record ForwardResult(NDList output, NDArray loss) {

  public ForwardResult {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(loss, "loss");
  }

  /** The result for a model output and its loss. */
  public static ForwardResult of(NDList output, NDArray loss) {
    return new ForwardResult(output, loss);
  }

  /** The result for a single-array model output and its loss. */
  public static ForwardResult of(NDArray output, NDArray loss) {
    return new ForwardResult(new NDList(output), loss);
  }
}
