package org.trainkit.benchmarks.loop;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import java.util.List;

/**
 * A workload as the plain-DJL contenders see it: a fresh block, its loss, and how raw items
 * become a batch of inputs and labels (the same user code trainkit's {@code @Preprocess} and
 * {@code @Collate} run).
 *
 * @param <R> the raw item type
 */
public interface DjlTask<R> {

  /** A new, uninitialized block (its own parameters). */
  Block block();

  /** The loss, computed from {@link DjlBatch#labels()} and the block's output. */
  Loss loss();

  /** Preprocesses and collates {@code items}; the arrays belong to {@code manager}. */
  DjlBatch batch(List<R> items, NDManager manager);

  /** Inputs of the block and labels of the loss. */
  record DjlBatch(NDList data, NDList labels) {}
}
