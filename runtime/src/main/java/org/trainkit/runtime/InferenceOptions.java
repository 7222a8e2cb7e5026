package org.trainkit.runtime;

/**
 * How a {@link TrainedModel} predicts.
 *
 * @param batchSize items per batch (&ge; 1)
 * @param window how many items are read ahead and sorted by length before batching (&ge; {@code
 *     batchSize}); results keep input order whatever the window. Larger windows pad less and hold
 *     more items in memory.
 * @param loaderThreads threads that preprocess and collate the next batches while the model runs
 *     (0: on the predicting thread)
 * @param forwardThreads batches run through the model side by side, each on its own thread with
 *     its share of the engine's intra-op threads; 0 picks: 2 on a CPU when the engine has at least
 *     2 intra-op threads (small recurrent and linear layers use two cores better as two batches
 *     than as one batch split inside each operation), else 1. Decoding stays on the predicting
 *     thread, in batch order, so a {@link BatchDecoder} is never called concurrently by one call.
 *     Results are the same for every value.
 */
public record InferenceOptions(int batchSize, int window, int loaderThreads, int forwardThreads) {

  /** Batches read ahead per loader thread. */
  public static final int PREFETCH_PER_THREAD = 2;
  /** The default window, in batches. */
  private static final int WINDOW_BATCHES = 32;
  /** The most forward threads. */
  public static final int MAX_FORWARD_THREADS = 64;

  public InferenceOptions {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
    }
    if (window < batchSize) {
      throw new IllegalArgumentException(
          "window (" + window + ") must hold at least one batch (" + batchSize + ")");
    }
    if (loaderThreads < 0) {
      throw new IllegalArgumentException("loaderThreads must be >= 0: " + loaderThreads);
    }
    if (forwardThreads < 0 || forwardThreads > MAX_FORWARD_THREADS) {
      throw new IllegalArgumentException(
          "forwardThreads must be in [0, " + MAX_FORWARD_THREADS + "] (0: auto): " + forwardThreads);
    }
  }

  /** Options with the forward threads picked automatically ({@code forwardThreads} 0). */
  public InferenceOptions(int batchSize, int window, int loaderThreads) {
    this(batchSize, window, loaderThreads, 0);
  }

  /** Batches of {@code batchSize}, a window of 32 batches, no loader threads, automatic forward threads. */
  public static InferenceOptions batchSize(int batchSize) {
    return new InferenceOptions(batchSize, Math.multiplyExact(batchSize, WINDOW_BATCHES), 0, 0);
  }

  /** The same options with {@code threads} loader threads. */
  public InferenceOptions withLoaderThreads(int threads) {
    return new InferenceOptions(batchSize, window, threads, forwardThreads);
  }

  /** The same options with {@code threads} forward threads (0: auto). */
  public InferenceOptions withForwardThreads(int threads) {
    return new InferenceOptions(batchSize, window, loaderThreads, threads);
  }
}
