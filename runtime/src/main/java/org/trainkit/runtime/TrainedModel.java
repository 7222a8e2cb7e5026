package org.trainkit.runtime;

import ai.djl.Device;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * A trained component's model, ready to predict: what {@code Trainer.train} hands the component
 * when it ends and what {@code TrainedRun.restore} loads. It owns the parameters' native memory;
 * {@link #close()} releases it.
 *
 * <p>Each call batches the items, runs the component's {@code @Preprocess}, {@code @Collate} and
 * {@code @Forward} in {@link ForwardMode#PREDICT} without recording gradients, and decodes each
 * batch's output into one plain result per item, in input order.
 *
 * <p><b>Threads.</b> {@code predict} may be called from several threads at once: each call runs
 * in its own native memory scope, reads the parameters without changing them, and turns gradient
 * recording off for its own thread only. The component's {@code @Preprocess}, {@code @Collate}
 * and {@code @Forward} must then not change shared state, as the training contract already asks
 * of {@code @Preprocess}. Do not close the model while a call is running.
 *
 * @param <R> the raw item type
 * @param <B> the batch type
 */
public interface TrainedModel<R, B> extends AutoCloseable {

  /** The device the model runs on. */
  Device device();

  /** How {@link #predict(List, BatchDecoder)} batches. */
  InferenceOptions options();

  /** One result per item, in input order, batched as {@link #options()} says. */
  default <T> List<T> predict(List<? extends R> items, BatchDecoder<R, B, T> decoder) {
    return predict(items, null, decoder);
  }

  /**
   * One result per item, in input order; items of similar {@code length} (tokens, say) are
   * batched together, which spends less time on padding.
   */
  <T> List<T> predict(
      List<? extends R> items, ToIntFunction<? super R> length, BatchDecoder<R, B, T> decoder);

  /**
   * Streams {@code items} through the model: reads a window at a time, so inputs larger than
   * memory work, and hands each result to {@code sink} in input order.
   *
   * @param length sorts each window by it (null: input order)
   */
  <T> void predict(
      Iterator<? extends R> items,
      InferenceOptions options,
      ToIntFunction<? super R> length,
      BatchDecoder<R, B, T> decoder,
      Consumer<? super T> sink);

  /** Releases the parameters' native memory. Calling it again does nothing. */
  @Override
  void close();
}
