package org.trainkit.benchmarks.loop;

import java.util.List;
import org.trainkit.runtime.TrainableComponent;

/**
 * One throughput workload: a model, its data and a batch size, in the form each contender
 * trains it.
 *
 * @param <R> the raw item type
 */
public interface Workload<R> {

  /** Short id, e.g. {@code mlp-b32}. */
  String key();

  /** What it is, for the table, e.g. {@code MLP 64-256-256-10, batch 32}. */
  String title();

  /** The model's name: {@code mlp} or {@code tagger}. */
  String model();

  int batchSize();

  /** The training items; their count is a multiple of the batch size (no partial batches). */
  List<R> items();

  /** A fresh instance of the {@code @Trainable} class, through its generated adapter. */
  TrainableComponent<R, ?, ?> trainkitComponent();

  /** A fresh model for the plain-DJL contenders. */
  DjlTask<R> djlTask();

  /**
   * Writes the data (and the model's sizes) for the PyTorch contender to {@code file}, and
   * returns the number of trainable parameters of the Java model, to compare with the Python
   * model's.
   */
  long exportForPython(java.nio.file.Path file) throws java.io.IOException;
}
