package org.trainkit.runtime.predict;

import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import org.trainkit.runtime.Batch;
import org.trainkit.runtime.BatchDecoder;
import org.trainkit.runtime.InferenceOptions;
import org.trainkit.runtime.ForwardMode;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.data.VisitOrder;
import org.trainkit.runtime.loop.BatchLoader;
import org.trainkit.runtime.loop.ModelRunner;

/**
 * Prediction over a stream of items: reads a window of items, orders it by length so that each
 * batch holds items of similar length (less padding), runs the component's forward in {@link
 * ForwardMode#PREDICT} without recording gradients, and hands the results on in input order.
 * Preprocessing and collating run on loader threads when there are any.
 */
final class InferenceLoop<R, E, B> {

  private final TrainableComponent<R, E, B> component;
  private final ModelRunner model;

  InferenceLoop(TrainableComponent<R, E, B> component, ModelRunner model) {
    this.component = component;
    this.model = model;
  }

  <T> void run(
      Iterator<? extends R> items,
      InferenceOptions options,
      ExecutorService loaders,
      ToIntFunction<? super R> length,
      BatchDecoder<R, B, T> decoder,
      Consumer<? super T> sink) {
    // libtorch's grad mode is per thread: off here, for this thread, as torch.no_grad() does
    boolean gradMode = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      List<R> window = new ArrayList<>(Math.min(options.window(), 4096));
      while (items.hasNext()) {
        window.add(items.next());
        if (window.size() == options.window()) {
          runWindow(window, options, loaders, length, decoder, sink);
          window.clear();
        }
      }
      if (!window.isEmpty()) {
        runWindow(window, options, loaders, length, decoder, sink);
      }
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  private <T> void runWindow(
      List<R> window,
      InferenceOptions options,
      ExecutorService loaders,
      ToIntFunction<? super R> length,
      BatchDecoder<R, B, T> decoder,
      Consumer<? super T> sink) {
    int[] order = byLength(window, length);
    Object[] results = new Object[window.size()];
    int prefetch = Math.max(1, options.loaderThreads() * InferenceOptions.PREFETCH_PER_THREAD);
    try (BatchLoader<R, E, B> loader = new BatchLoader<>(component, Dataset.of(window),
        VisitOrder.of(order), 0, options.batchSize(), model.manager(), loaders, prefetch)) {
      while (loader.hasNext()) {
        try (NDScope scope = new NDScope();
            Batch<B> batch = loader.next()) {
          scope.suppressNotUsedWarning();
          ForwardResult result =
              component.forward(batch.data(), model.context(ForwardMode.PREDICT, batch.manager()));
          List<R> batchItems = new ArrayList<>(batch.size());
          for (int i = 0; i < batch.size(); i++) {
            batchItems.add(window.get(batch.index(i)));
          }
          List<T> decoded = decoder.decode(batchItems, batch.data(), result.output());
          if (decoded.size() != batch.size()) {
            throw new IllegalStateException("decoded " + decoded.size() + " results for a batch of "
                + batch.size() + " items; give one result per item, in batch order");
          }
          for (int i = 0; i < batch.size(); i++) {
            results[batch.index(i)] = decoded.get(i);
          }
        }
      }
    }
    for (Object result : results) {
      @SuppressWarnings("unchecked") // each slot was filled from a List<T> above
      T t = (T) result;
      sink.accept(t);
    }
  }

  /** Positions of the window, shortest items first (a stable sort); input order without length. */
  private static <R> int[] byLength(List<R> window, ToIntFunction<? super R> length) {
    if (length == null) {
      return IntStream.range(0, window.size()).toArray();
    }
    int[] lengths = new int[window.size()];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = length.applyAsInt(window.get(i));
    }
    Integer[] order = new Integer[lengths.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt(i -> lengths[i]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }
}
