package org.trainkit.runtime.cli;

import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.train.Trainer;

/**
 * What a generated entry point hands the command line: the trainer for a configuration, and how
 * to read the component's data files. Generated {@code FooTrainerComponent}s extend it, so {@code
 * DaggerFooTrainerComponent.factory().create(config)} gives both. A session holds one trainer
 * (the generated component scopes it): every {@link #trainer()} call returns the same one, and
 * {@link #close()} releases it.
 *
 * @param <R> the component's raw item type
 */
public interface TrainerSession<R> extends AutoCloseable {

  /** The session's trainer: the same one on every call. */
  Trainer<R, ?, ?> trainer();

  /** Reads the component's raw items from data files. */
  DatasetReader<R> reader();

  /** Closes the session's trainer (its loader threads and native memory). */
  @Override
  default void close() {
    trainer().close();
  }
}
