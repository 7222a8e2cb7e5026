package org.trainkit.runtime;

import java.io.IOException;
import java.nio.file.Path;
import org.trainkit.runtime.data.Dataset;

/**
 * Implemented by a trainable class whose model depends on its training data — a vocabulary, a
 * label set. The generated adapter forwards these calls, so the trainer fits the class on the
 * training items before it first asks for the model, and keeps what was fitted in every
 * checkpoint, restoring it before parameters are loaded.
 *
 * @param <R> the class's raw item type
 */
public interface DataDependent<R> {

  /**
   * Builds what the model depends on from the training items. Called before {@code @Model}. The
   * items may be read from disk as they are iterated, so a corpus larger than the heap can be
   * fitted on; iterate as many times as needed (two-pass fitting is fine), but do not keep them.
   */
  void fit(Dataset<R> trainingItems);

  /** Writes what {@link #fit} built into {@code directory} (which exists and is empty). */
  void saveState(Path directory) throws IOException;

  /** Restores what {@link #saveState} wrote, instead of fitting. Called before {@code @Model}. */
  void loadState(Path directory) throws IOException;
}
