package org.trainkit.runtime.data;

import java.util.Random;

/**
 * The order in which an epoch visits the training data: a permutation drawn from the run seed
 * and the epoch number only, so a resumed run replays exactly the order it would have had.
 */
public final class EpochOrder {

  /**
   * Above this many items a shuffled order is drawn into a memory-mapped file ({@link
   * MappedShuffle}) rather than the heap.
   */
  static final int HEAP_LIMIT = 1 << 20;

  private EpochOrder() {}

  /**
   * The visiting order of {@code size} items in {@code epoch}: the same permutation as {@link
   * #of}, held in the heap when small, memory-mapped when large, not stored when not shuffled.
   */
  public static VisitOrder visit(int size, long seed, int epoch, boolean shuffle) {
    if (!shuffle) {
      return VisitOrder.identity(size);
    }
    return size <= HEAP_LIMIT ? VisitOrder.of(of(size, seed, epoch, true)) : mapped(size, seed, epoch);
  }

  /** The shuffled order of {@link #of}, always memory-mapped (tests compare the two). */
  public static VisitOrder mapped(int size, long seed, int epoch) {
    return MappedShuffle.draw(size, seed, epoch);
  }

  static long randomSeed(long seed, int epoch) {
    return seed * 1_000_003L + epoch;
  }

  /** The visiting order of {@code size} examples in {@code epoch} (0-based). */
  public static int[] of(int size, long seed, int epoch, boolean shuffle) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    if (shuffle) {
      Random random = new Random(randomSeed(seed, epoch));
      for (int i = size - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    return order;
  }

  /** The positions of {@code order} from {@code from} on. */
  public static int[] suffix(int[] order, int from) {
    int[] rest = new int[order.length - from];
    System.arraycopy(order, from, rest, 0, rest.length);
    return rest;
  }
}
