package org.trainkit.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.trainkit.runtime.config.TrainerConfig;

/** The training loop. (Being written: API fixed, body to come.) */
public final class Trainer<R, E, B> implements AutoCloseable {

  private final TrainableComponent<R, E, B> component;
  private final TrainerConfig config;
  private final List<TrainerCallback> callbacks;

  public Trainer(
      TrainableComponent<R, E, B> component, TrainerConfig config, List<TrainerCallback> callbacks) {
    this.component = component;
    this.config = config;
    this.callbacks = List.copyOf(callbacks);
  }

  public TrainableComponent<R, E, B> component() {
    return component;
  }

  public TrainerConfig config() {
    return config;
  }

  /**
   * Trains on {@code train}, evaluating on {@code dev} (may be empty), and at the end evaluates
   * the best checkpoint on {@code test} (may be empty). Writes checkpoints and reports into
   * {@code runDirectory}; with {@code resume}, continues from its {@code checkpoints/last}.
   */
  public History train(List<R> train, List<R> dev, List<R> test, Path runDirectory, boolean resume) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Evaluates the current parameters on {@code data}: {@code loss} and every metric. */
  public Map<String, Double> evaluate(List<R> data) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Loads the parameters of a checkpoint directory (e.g. {@code run/checkpoints/best}). */
  public void loadParameters(Path checkpointDirectory) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public void close() {}
}
