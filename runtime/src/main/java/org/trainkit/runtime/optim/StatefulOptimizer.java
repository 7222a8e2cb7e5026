package org.trainkit.runtime.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.trainkit.runtime.config.TrainerConfig;

/**
 * An optimizer whose whole state (moments, step counts) belongs to trainkit, so that a
 * checkpoint can hold it and a resumed run continues exactly. DJL's own optimizers keep their
 * state private.
 */
public interface StatefulOptimizer {

  /**
   * Applies one update to every parameter from its accumulated gradient, then zeroes the
   * gradients.
   *
   * @param parameters the trainable parameters, in a stable order (the same every step)
   * @param learningRate the learning rate for this step, from the schedule
   * @param gradientScale a factor applied to every gradient first (1 / accumulation steps,
   *     times the clipping factor)
   */
  void step(List<ParameterGradient> parameters, float learningRate, float gradientScale);

  /** Number of updates applied so far. */
  long updates();

  /** Writes the full state. */
  void save(DataOutputStream out) throws IOException;

  /**
   * Restores the state {@link #save} wrote, for the same parameters.
   *
   * @param manager owns the restored state arrays
   * @throws IOException when the stream is unreadable or holds another model's state
   */
  void load(DataInputStream in, List<ParameterGradient> parameters, NDManager manager)
      throws IOException;

  /**
   * The optimizer the configuration names: {@link Adam} (ADAM, ADAMW) or {@link Sgd}, with the
   * configured hyper-parameters. The learning rate is not part of it: it comes with each {@link
   * #step} from a {@link LearningRateSchedule}.
   */
  static StatefulOptimizer fromConfig(TrainerConfig config) {
    return fromConfig(config, WeightDecayFilter.ALL);
  }

  /**
   * As {@link #fromConfig(TrainerConfig)}, with the configured weight decay only on the
   * parameters {@code decayed} accepts (e.g. {@link WeightDecayFilter#NOT_BIASES_OR_NORMS}).
   */
  static StatefulOptimizer fromConfig(TrainerConfig config, WeightDecayFilter decayed) {
    float weightDecay = (float) config.weightDecay();
    switch (config.optimizer()) {
      case ADAM:
      case ADAMW:
        return new Adam(
            (float) config.beta1(),
            (float) config.beta2(),
            (float) config.epsilon(),
            weightDecay,
            config.optimizer() == TrainerConfig.OptimizerType.ADAMW,
            decayed);
      case SGD:
        return new Sgd((float) config.momentum(), config.nesterov(), weightDecay, decayed);
      default:
        throw new IllegalArgumentException("unknown optimizer " + config.optimizer());
    }
  }

  /**
   * A trainable parameter as the optimizer sees it for one step.
   *
   * @param name the parameter's stable path in the block (e.g. {@code 01Linear_weight})
   * @param weight the parameter array, updated in place
   * @param gradient its accumulated gradient
   */
  record ParameterGradient(String name, NDArray weight, NDArray gradient) {}
}
