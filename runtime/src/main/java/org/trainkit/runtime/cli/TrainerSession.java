package org.trainkit.runtime.cli;

import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.DatasetReader;

/**
 * What a generated entry point hands the command line: how to build a trainer for a
 * configuration, and how to read the component's data files. Generated {@code
 * FooTrainerComponent}s extend it, so {@code DaggerFooTrainerComponent.factory().create(config)}
 * gives both.
 *
 * @param <R> the component's raw item type
 */
public interface TrainerSession<R> {

  /** A trainer for the configuration the session was created with. */
  Trainer<R, ?, ?> trainer();

  /** Reads the component's raw items from data files. */
  DatasetReader<R> reader();
}
