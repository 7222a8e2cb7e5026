package org.trainkit.runtime;

import ai.djl.ndarray.NDList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes metrics over a whole evaluation pass (medkit's MetricsComputer): it sees every
 * batch with the model's output, keeps what it needs as plain Java values, and computes the
 * metrics at the end — entity F1, for instance, needs every span of the corpus at once.
 *
 * <p>A fresh instance is used for each evaluation pass. The arrays it sees are closed after
 * {@link #update} returns, so copy out what you keep.
 *
 * <p>A computer declares its names up front ({@link #names}): the trainer checks them before the
 * first step — a {@code monitor} that names no metric, two metrics of one name, a metric named
 * like the loss are errors then, not after an epoch — and checks every {@link #compute} against
 * them.
 *
 * @param <B> the component's batch type
 */
public interface MetricsComputer<B> {

  /** Records one evaluated batch. */
  void update(Batch<B> batch, NDList output);

  /**
   * The names {@link #compute} returns, known before any data is seen. A name ending in {@code
   * /*} declares a family whose members depend on the data, such as per-class values: {@code
   * f1/*} covers {@code f1/DISEASE}, {@code f1/CHEMICAL}, ... (the reports' {@code
   * metric/class} convention). Every plain name must be in each {@link #compute} result; a
   * family may have any members, none included. {@code loss}, {@code train_loss} and {@code
   * dev_loss} are the loop's own.
   */
  List<String> names();

  /** The metrics over every batch recorded, by name, in a stable order: the {@link #names}. */
  Map<String, Double> compute();

  /**
   * A metric computed per batch and averaged over examples, for {@code @Metric double
   * name(B batch, NDList output)} methods.
   */
  static <B> MetricsComputer<B> averaged(String name, BatchMetric<B> metric) {
    return new MetricsComputer<>() {
      private double weightedSum;
      private long examples;

      @Override
      public List<String> names() {
        return List.of(name);
      }

      @Override
      public void update(Batch<B> batch, NDList output) {
        weightedSum += metric.compute(batch.data(), output) * batch.size();
        examples += batch.size();
      }

      @Override
      public Map<String, Double> compute() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(name, examples == 0 ? Double.NaN : weightedSum / examples);
        return values;
      }
    };
  }

  /**
   * One batch's value of a metric, averaged over the batch's examples.
   *
   * @param <B> the component's batch type
   */
  @FunctionalInterface
  interface BatchMetric<B> {
    double compute(B batch, NDList output);
  }
}
