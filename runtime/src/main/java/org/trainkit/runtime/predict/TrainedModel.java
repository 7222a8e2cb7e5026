package org.trainkit.runtime.predict;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.loop.ModelRunner;

/**
 * A trained component's model, ready to predict: what {@code Trainer.train} leaves behind and what
 * {@code TrainedRun.restore} loads. It owns the parameters' native memory; {@link #close()}
 * releases it.
 *
 * <p><b>Threads.</b> {@link #predict} may be called from several threads at once: each call runs
 * in its own native memory scope, reads the parameters without changing them, and turns gradient
 * recording off for its own thread only. The component's {@code @Preprocess}, {@code @Collate} and
 * {@code @Forward} must then not change shared state, as the training contract already asks of
 * {@code @Preprocess}. Do not close the model while a call is running.
 *
 * @param <R> the raw item type
 * @param <B> the batch type
 */
public final class TrainedModel<R, B> implements AutoCloseable {

  private final Loop<R, B> loop;
  private final ModelRunner model;
  private final InferenceOptions options;
  private volatile boolean closed;

  private TrainedModel(Loop<R, B> loop, ModelRunner model, InferenceOptions options) {
    this.loop = loop;
    this.model = model;
    this.options = options;
  }

  /**
   * The trained model of {@code component}, whose parameters {@code model} holds; the result owns
   * {@code model} and closes it.
   */
  public static <R, E, B> TrainedModel<R, B> of(
      TrainableComponent<R, E, B> component, ModelRunner model, InferenceOptions options) {
    InferenceLoop<R, E, B> loop = new InferenceLoop<>(component, model);
    return new TrainedModel<>(loop::run, model, options);
  }

  /** The device the model runs on. */
  public Device device() {
    return model.device();
  }

  /** How {@link #predict(List, BatchDecoder)} batches. */
  public InferenceOptions options() {
    return options;
  }

  /** One result per item, in input order, batched as {@link #options()} says. */
  public <T> List<T> predict(List<? extends R> items, BatchDecoder<R, B, T> decoder) {
    return predict(items, null, decoder);
  }

  /**
   * One result per item, in input order; items of similar {@code length} (tokens, say) are batched
   * together, which spends less time on padding.
   */
  public <T> List<T> predict(
      List<? extends R> items, ToIntFunction<? super R> length, BatchDecoder<R, B, T> decoder) {
    List<T> results = new ArrayList<>(items.size());
    predict(items.iterator(), options, length, decoder, results::add);
    return results;
  }

  /**
   * Streams {@code items} through the model: reads a window at a time, so inputs larger than
   * memory work, and hands each result to {@code sink} in input order.
   *
   * @param length sorts each window by it (null: input order)
   */
  public <T> void predict(
      Iterator<? extends R> items,
      InferenceOptions options,
      ToIntFunction<? super R> length,
      BatchDecoder<R, B, T> decoder,
      Consumer<? super T> sink) {
    if (closed) {
      throw new IllegalStateException("this trained model was closed");
    }
    ExecutorService loaders = options.loaderThreads() == 0 ? null : loaderThreads(options.loaderThreads());
    try {
      loop.run(items, options, loaders, length, decoder, sink);
    } finally {
      if (loaders != null) {
        loaders.shutdownNow();
      }
    }
  }

  /** Releases the parameters' native memory. Calling it again does nothing. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }

  private static ExecutorService loaderThreads(int threads) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "trainkit-predict-loader-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** {@link InferenceLoop#run} with the example type hidden. */
  private interface Loop<R, B> {
    <T> void run(Iterator<? extends R> items, InferenceOptions options, ExecutorService loaders,
        ToIntFunction<? super R> length, BatchDecoder<R, B, T> decoder, Consumer<? super T> sink);
  }
}
