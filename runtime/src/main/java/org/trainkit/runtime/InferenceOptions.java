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
 */
public record InferenceOptions(int batchSize, int window, int loaderThreads) {

  /** Batches read ahead per loader thread. */
  public static final int PREFETCH_PER_THREAD = 2;
  /** The default window, in batches. */
  private static final int WINDOW_BATCHES = 32;

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
  }

  /** Batches of {@code batchSize}, a window of 32 batches, no loader threads. */
  public static InferenceOptions batchSize(int batchSize) {
    return new InferenceOptions(batchSize, Math.multiplyExact(batchSize, WINDOW_BATCHES), 0);
  }

  /** The same options with {@code threads} loader threads. */
  public InferenceOptions withLoaderThreads(int threads) {
    return new InferenceOptions(batchSize, window, threads);
  }
}
