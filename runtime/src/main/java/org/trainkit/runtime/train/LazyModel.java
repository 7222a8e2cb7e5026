package org.trainkit.runtime.train;

import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.loop.ModelRunner;

/**
 * The component's model, created on first use: after the component was fitted on the training
 * data or restored from a checkpoint, since its shape may depend on either.
 */
final class LazyModel implements AutoCloseable {

  private final TrainableComponent<?, ?, ?> component;
  private final TrainerConfig config;
  private ModelRunner model;
  /** Whether the component took the model after training: then the component closes it. */
  private boolean handedOver;

  LazyModel(TrainableComponent<?, ?, ?> component, TrainerConfig config) {
    this.component = component;
    this.config = config;
  }

  /** Whether the model was created: then the component's fitted state is fixed. */
  boolean exists() {
    return model != null;
  }

  ModelRunner get() {
    if (model == null) {
      model = new ModelRunner(component.model(), config.device().toDjl(), config.seed());
    }
    return model;
  }

  boolean isHandedOver() {
    return handedOver;
  }

  /** The component owns the model from now on; {@link #close()} leaves it open. */
  void handOver() {
    handedOver = true;
  }

  @Override
  public void close() {
    if (model != null && !handedOver) {
      model.close();
    }
  }
}
