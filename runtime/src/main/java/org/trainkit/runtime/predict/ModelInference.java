package org.trainkit.runtime.predict;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.trainkit.runtime.BatchDecoder;
import org.trainkit.runtime.InferenceOptions;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.TrainedModel;
import org.trainkit.runtime.loop.ModelRunner;
import org.trainkit.runtime.loop.TorchThreads;

/**
 * The {@link TrainedModel} of a component whose parameters a {@link ModelRunner} holds: runs
 * {@link InferenceLoop}, with loader threads of its own per call when asked for.
 */
public final class ModelInference<R, B> implements TrainedModel<R, B> {

  private final Loop<R, B> loop;
  private final ModelRunner model;
  private final InferenceOptions options;
  private volatile boolean closed;

  private ModelInference(Loop<R, B> loop, ModelRunner model, InferenceOptions options) {
    this.loop = loop;
    this.model = model;
    this.options = options;
  }

  /**
   * The trained model of {@code component}, whose parameters {@code model} holds; the result owns
   * {@code model} and closes it.
   */
  public static <R, E, B> ModelInference<R, B> of(
      TrainableComponent<R, E, B> component, ModelRunner model, InferenceOptions options) {
    InferenceLoop<R, E, B> loop = new InferenceLoop<>(component, model);
    return new ModelInference<>(loop::run, model, options);
  }

  @Override
  public Device device() {
    return model.device();
  }

  @Override
  public InferenceOptions options() {
    return options;
  }

  @Override
  public <T> List<T> predict(
      List<? extends R> items, ToIntFunction<? super R> length, BatchDecoder<R, B, T> decoder) {
    List<T> results = new ArrayList<>(items.size());
    predict(items.iterator(), options, length, decoder, results::add);
    return results;
  }

  @Override
  public <T> void predict(
      Iterator<? extends R> items,
      InferenceOptions options,
      ToIntFunction<? super R> length,
      BatchDecoder<R, B, T> decoder,
      Consumer<? super T> sink) {
    if (closed) {
      throw new IllegalStateException("this trained model was closed");
    }
    int intraOp = TorchThreads.current();
    InferenceOptions resolved = options.withForwardThreads(forwardThreads(options, model.device(), intraOp));
    ExecutorService loaders = options.loaderThreads() == 0 ? null : loaderThreads(options.loaderThreads());
    ExecutorService forwarders = resolved.forwardThreads() == 1 ? null
        : forwardThreadPool(resolved.forwardThreads(), Math.max(1, intraOp / resolved.forwardThreads()), intraOp);
    try {
      loop.run(items, resolved, loaders, forwarders, length, decoder, sink);
    } finally {
      if (loaders != null) {
        loaders.shutdownNow();
      }
      if (forwarders != null) {
        forwarders.shutdownNow();
      }
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }

  /**
   * The forward threads {@code options} ask for; for 0 (auto), 2 on a CPU whose engine has at
   * least 2 intra-op threads, else 1.
   */
  public static int forwardThreads(InferenceOptions options, Device device, int intraOpThreads) {
    if (options.forwardThreads() > 0) {
      return options.forwardThreads();
    }
    return device.isGpu() || intraOpThreads < 2 ? 1 : 2;
  }

  /**
   * Threads that run forwards: each turns gradient recording off and uses {@code intraOp} of the
   * engine's intra-op threads (both per thread in libtorch) and, when it ends, sets the count that
   * libtorch gives threads it has not seen yet back to {@code restore}.
   */
  private static ExecutorService forwardThreadPool(int threads, int intraOp, int restore) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(() -> {
        JniUtils.setGradMode(false);
        JniUtils.setNumThreads(intraOp);
        try {
          task.run();
        } finally {
          JniUtils.setNumThreads(restore);
        }
      }, "trainkit-predict-forward-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
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
        ExecutorService forwarders, ToIntFunction<? super R> length, BatchDecoder<R, B, T> decoder, Consumer<? super T> sink);
  }
}
