package org.trainkit.runtime;

/**
 * Implemented by a trainable class that uses its trained model itself — an operation whose
 * {@code tag(text)} runs the model. The generated adapter forwards the call, so the class gets
 * its model when {@code Trainer.train} returns (the best checkpoint's parameters, else the last)
 * and when {@code FooTrainable.restore(foo, runDirectory)} loads a run. From then on the class
 * owns the model's native memory: close the model when the operation is closed.
 *
 * @param <R> the class's raw item type
 * @param <B> the class's batch type
 */
public interface UsesTrainedModel<R, B> {

  /** Takes the trained model, replacing (and closing) any model the class had before. */
  void useTrainedModel(TrainedModel<R, B> model);
}
