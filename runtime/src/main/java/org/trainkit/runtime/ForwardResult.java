package org.trainkit.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a {@code @Forward} method returns: the model's output, which metrics read, and the
 * scalar loss, which the loop differentiates in training.
 *
 * <p>The loss is a mean, and the loop needs to know over what, so that batches of different
 * sizes combine right: accumulated micro-batches, and the batches of an evaluation. By default
 * it is a mean over the batch's examples. A loss that is a mean over something else — tokens,
 * for a tagger whose sentences differ in length — says so with {@link #weightedBy}:
 *
 * <pre>{@code
 * NDArray loss = tokenLoss.sum().div(tokenCount);
 * return ForwardResult.of(output, loss).weightedBy(tokenCount);
 * }</pre>
 *
 * The loop then weights each batch's loss by its weight over the total weight, so that k
 * accumulated micro-batches make the same update as one batch holding all their examples.
 *
 * <p>In {@link ForwardMode#PREDICT}, where the batch may hold no labels, a forward returns
 * {@link #prediction} — the output alone. Training and evaluation need the loss, and fail with
 * a message naming the mode when it is missing.
 */
public final class ForwardResult {

  private final NDList output;
  /** Null only for a {@link #prediction}. */
  private final NDArray loss;
  /** What the loss is a mean over; NaN: the batch's examples. */
  private final double weight;

  private ForwardResult(NDList output, NDArray loss, double weight) {
    this.output = Objects.requireNonNull(output, "output");
    this.loss = loss;
    this.weight = weight;
  }

  /** The result for a model output and its loss, a mean over the batch's examples. */
  public static ForwardResult of(NDList output, NDArray loss) {
    return new ForwardResult(output, Objects.requireNonNull(loss, "loss"), Double.NaN);
  }

  /**
   * The model's output without a loss: what a forward returns in {@link ForwardMode#PREDICT}
   * when its batch holds no labels.
   */
  public static ForwardResult prediction(NDList output) {
    return new ForwardResult(output, null, Double.NaN);
  }

  /** The single-array output without a loss; see {@link #prediction(NDList)}. */
  public static ForwardResult prediction(NDArray output) {
    return prediction(new NDList(output));
  }

  /** The result for a single-array model output and its loss, a mean over the batch's examples. */
  public static ForwardResult of(NDArray output, NDArray loss) {
    return of(new NDList(output), loss);
  }

  /**
   * The same result, its loss a mean over {@code weight} units (tokens, say) rather than over
   * the batch's examples.
   *
   * @param weight how many units the loss averages over; finite and &ge; 0 (a batch of weight 0
   *     adds nothing)
   */
  public ForwardResult weightedBy(double weight) {
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(
          "the weight of a loss must be finite and >= 0 (the number of units it averages over), not "
              + weight);
    }
    if (loss == null) {
      throw new IllegalStateException("a prediction has no loss to weight");
    }
    return new ForwardResult(output, loss, weight);
  }

  /** The model's output for the batch. */
  public NDList output() {
    return output;
  }

  /** True unless this is a {@link #prediction} without a loss. */
  public boolean hasLoss() {
    return loss != null;
  }

  /**
   * A scalar: the batch's mean loss.
   *
   * @throws IllegalStateException for a {@link #prediction}, which has none
   */
  public NDArray loss() {
    if (loss == null) {
      throw new IllegalStateException(
          "this ForwardResult is a prediction without a loss; training and evaluation need one:"
              + " return ForwardResult.of(output, loss) unless context.mode() is PREDICT");
    }
    return loss;
  }

  /** The weight given with {@link #weightedBy}; empty when the loss is a mean over examples. */
  public OptionalDouble weight() {
    return Double.isNaN(weight) ? OptionalDouble.empty() : OptionalDouble.of(weight);
  }

  /** The loss's weight in a batch of {@code examples} examples. */
  public double weight(int examples) {
    return Double.isNaN(weight) ? examples : weight;
  }
}
