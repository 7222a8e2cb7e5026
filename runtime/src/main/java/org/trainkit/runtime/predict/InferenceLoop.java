package org.trainkit.runtime.predict;

import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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
      ExecutorService forwarders,
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
          runWindow(window, options, loaders, forwarders, length, decoder, sink);
          window.clear();
        }
      }
      if (!window.isEmpty()) {
        runWindow(window, options, loaders, forwarders, length, decoder, sink);
      }
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  private <T> void runWindow(
      List<R> window,
      InferenceOptions options,
      ExecutorService loaders,
      ExecutorService forwarders,
      ToIntFunction<? super R> length,
      BatchDecoder<R, B, T> decoder,
      Consumer<? super T> sink) {
    int[] order = byLength(window, length);
    Object[] results = new Object[window.size()];
    int prefetch = Math.max(1, options.loaderThreads() * InferenceOptions.PREFETCH_PER_THREAD);
    try (BatchLoader<R, E, B> loader = new BatchLoader<>(component, Dataset.of(window),
        VisitOrder.of(order), 0, options.batchSize(), model.manager(), loaders, prefetch)) {
      if (forwarders == null) {
        while (loader.hasNext()) {
          try (NDScope scope = new NDScope();
              Batch<B> batch = loader.next()) {
            scope.suppressNotUsedWarning();
            ForwardResult result =
                component.forward(batch.data(), model.context(ForwardMode.PREDICT, batch.manager()));
            decodeInto(results, window, batch, result, decoder);
          }
        }
      } else {
        forwardSideBySide(loader, forwarders, options.forwardThreads(), results, window, decoder);
      }
    }
    for (Object result : results) {
      @SuppressWarnings("unchecked") // each slot was filled from a List<T> above
      T t = (T) result;
      sink.accept(t);
    }
  }

  /**
   * Runs up to {@code 2 * threads} batches through the model on {@code forwarders} at once and
   * decodes each on this thread, in batch order, as soon as its forward is done. This thread
   * closes each batch (its manager holds the forward's output) after decoding it, or, after a
   * failure, once its forward has ended or can no longer start.
   */
  private <T> void forwardSideBySide(BatchLoader<R, E, B> loader, ExecutorService forwarders,
      int threads, Object[] results, List<R> window, BatchDecoder<R, B, T> decoder) {
    ArrayDeque<InFlight<B>> inFlight = new ArrayDeque<>();
    try {
      while (loader.hasNext() || !inFlight.isEmpty()) {
        while (inFlight.size() < 2 * threads && loader.hasNext()) {
          InFlight<B> forward = new InFlight<>(loader.next());
          try {
            forward.result = forwarders.submit(forward::run);
          } catch (RuntimeException e) {
            forward.batch.close();
            throw e;
          }
          inFlight.add(forward);
        }
        InFlight<B> head = inFlight.poll();
        try (NDScope scope = new NDScope();
            Batch<B> batch = head.batch) {
          scope.suppressNotUsedWarning();
          decodeInto(results, window, batch, await(head.result), decoder);
        }
      }
    } finally {
      for (InFlight<B> pending : inFlight) {
        pending.endOrPrevent();
        pending.batch.close();
      }
    }
  }

  /** One batch's forward on a forward thread; it starts at most once, and not after {@link #endOrPrevent}. */
  private final class InFlight<X extends B> {
    final Batch<X> batch;
    Future<ForwardResult> result;
    private final AtomicBoolean started = new AtomicBoolean();

    InFlight(Batch<X> batch) {
      this.batch = batch;
    }

    ForwardResult run() {
      if (!started.compareAndSet(false, true)) {
        return null; // the batch was given up: it is being closed
      }
      // what the forward makes outside the batch's manager (say, on the parameters' manager) is
      // freed with the scope; the output, which the calling thread decodes, stays with the batch
      try (NDScope scope = new NDScope()) {
        ForwardResult forward =
            component.forward(batch.data(), model.context(ForwardMode.PREDICT, batch.manager()));
        NDScope.unregister(forward.output());
        return forward;
      }
    }

    /** Returns once the forward has ended, or when it cannot start any more. */
    void endOrPrevent() {
      if (started.compareAndSet(false, true)) {
        return;
      }
      try {
        result.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | CancellationException e) {
        // the first failure is the one thrown
      }
    }
  }

  private static ForwardResult await(Future<ForwardResult> result) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for a forward");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Decodes one batch and puts each result at its item's position in the window. */
  private <T> void decodeInto(Object[] results, List<R> window, Batch<B> batch, ForwardResult result,
      BatchDecoder<R, B, T> decoder) {
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
