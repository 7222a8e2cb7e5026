package org.trainkit.runtime.data;

import java.util.Random;

/**
 * The order in which an epoch visits the training data: a permutation drawn from the run seed
 * and the epoch number only, so a resumed run replays exactly the order it would have had.
 */
public final class EpochOrder {

  private EpochOrder() {}

  /** The visiting order of {@code size} examples in {@code epoch} (0-based). */
  public static int[] of(int size, long seed, int epoch, boolean shuffle) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    if (shuffle) {
      Random random = new Random(seed * 1_000_003L + epoch);
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
