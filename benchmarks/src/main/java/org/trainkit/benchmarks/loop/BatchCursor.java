package org.trainkit.benchmarks.loop;

import java.util.ArrayList;
import java.util.List;
import org.trainkit.runtime.data.EpochOrder;

/**
 * Walks the training items batch by batch in the order trainkit uses (the run seed and epoch
 * give the shuffle), so the DJL contenders see the same batches as the trainkit contender.
 */
final class BatchCursor<R> {

  private final List<R> items;
  private final int batchSize;
  private final long seed;
  private int epoch;
  private int[] order;
  private int position;

  BatchCursor(List<R> items, int batchSize, long seed) {
    this.items = items;
    this.batchSize = batchSize;
    this.seed = seed;
    this.order = EpochOrder.of(items.size(), seed, 0, true);
  }

  /** The next batch's items; a new epoch (new shuffle) starts when one ends. */
  List<R> next() {
    if (position + batchSize > order.length) {
      epoch++;
      order = EpochOrder.of(items.size(), seed, epoch, true);
      position = 0;
    }
    List<R> batch = new ArrayList<>(batchSize);
    for (int i = 0; i < batchSize; i++) {
      batch.add(items.get(order[position + i]));
    }
    position += batchSize;
    return batch;
  }
}
