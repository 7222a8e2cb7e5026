package org.trainkit.runtime;

import ai.djl.ndarray.NDList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes metrics over a whole evaluation pass (medkit's MetricsComputer): it sees every
 * batch with the model's output, keeps what it needs as plain Java values, and computes the
 * metrics at the end — entity F1, for instance, needs every span of the corpus at once.
 *
 * <p>A fresh instance is used for each evaluation pass. The arrays it sees are closed after
 * {@link #update} returns, so copy out what you keep.
 *
 * @param <B> the component's batch type
 */
public interface MetricsComputer<B> {

  /** Records one evaluated batch. */
  void update(Batch<B> batch, NDList output);

  /** The metrics over every batch recorded, by name, in a stable order. */
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
