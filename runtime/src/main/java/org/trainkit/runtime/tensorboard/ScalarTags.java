package org.trainkit.runtime.tensorboard;

import java.util.LinkedHashMap;
import java.util.Map;
import org.trainkit.runtime.EpochSummary;

/**
 * The TensorBoard tags of an iteration's scalars. TensorBoard groups tags by the part before the
 * first {@code /}, so training and dev values land in their own sections:
 *
 * <ul>
 *   <li>{@code train/loss}: the mean training loss of the iteration;
 *   <li>{@code dev/loss}: the dev loss, when the iteration was evaluated;
 *   <li>{@code dev/<metric>}: each dev metric under its name in {@code history.json}, e.g.
 *       {@code dev/accuracy}, {@code dev/f1/DISEASE};
 *   <li>{@code learning_rate}: the learning rate at the end of the iteration.
 * </ul>
 *
 * NaN means "no value" (as {@code null} in {@code history.json}) and is not written.
 */
public final class ScalarTags {

  public static final String TRAIN_LOSS = "train/loss";
  public static final String DEV_LOSS = "dev/loss";
  public static final String DEV_PREFIX = "dev/";
  public static final String LEARNING_RATE = "learning_rate";

  private ScalarTags() {}

  /** The scalars of {@code summary} by tag, in the order above. */
  public static Map<String, Double> of(EpochSummary summary) {
    Map<String, Double> scalars = new LinkedHashMap<>();
    put(scalars, TRAIN_LOSS, summary.trainLoss());
    put(scalars, DEV_LOSS, summary.devLoss());
    summary.metrics().forEach((name, value) -> put(scalars, DEV_PREFIX + name, value));
    put(scalars, LEARNING_RATE, summary.learningRate());
    return scalars;
  }

  private static void put(Map<String, Double> scalars, String tag, double value) {
    if (!Double.isNaN(value)) {
      scalars.put(tag, value);
    }
  }
}
