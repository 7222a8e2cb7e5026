package org.trainkit.runtime.train;

import ai.djl.ndarray.NDArray;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.TrainingException;
import org.trainkit.runtime.optim.Scalars;

/** Reading a {@code @Forward} method's loss back. */
final class Losses {

  private Losses() {}

  /** The loss as a number; a message saying what is wrong unless it is a scalar. */
  static float scalar(ForwardResult result) {
    if (!result.hasLoss()) {
      // training and evaluation need the loss; only ForwardMode.PREDICT may go without
      throw new TrainingException(
          "@Forward returned ForwardResult.prediction(output), without a loss, in a training or"
              + " evaluation pass; return ForwardResult.of(output, loss) unless context.mode() is"
              + " PREDICT");
    }
    NDArray loss = result.loss();
    try {
      return Scalars.read(loss);
    } catch (IllegalArgumentException e) {
      throw new TrainingException(
          "@Forward returned a loss of shape " + loss.getShape()
              + "; it must be a scalar: the batch's mean loss (e.g. loss.mean())");
    }
  }
}
