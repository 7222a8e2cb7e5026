package org.trainkit.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The memory-mapped shuffle is bit for bit the permutation {@link EpochOrder#of} draws. */
class EpochOrderTest {

  private static int[] toArray(VisitOrder order) {
    int[] values = new int[order.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = order.at(i);
    }
    return values;
  }

  @Test
  void mappedOrderIsTheHeapOrder() {
    for (int size : new int[] {0, 1, 2, 17, 100_003}) {
      for (int epoch : new int[] {0, 1, 7}) {
        int[] heap = EpochOrder.of(size, 42, epoch, true);
        assertArrayEquals(heap, toArray(EpochOrder.mapped(size, 42, epoch)), size + "/" + epoch);
      }
    }
  }

  @Test
  void largeSetsAreMappedAndStillTheSameOrder() {
    int size = EpochOrder.HEAP_LIMIT + 5;
    VisitOrder order = EpochOrder.visit(size, 3, 2, true);
    assertEquals(MappedShuffle.class, order.getClass());
    int[] expected = EpochOrder.of(size, 3, 2, true);
    for (int i = 0; i < size; i += 997) {
      assertEquals(expected[i], order.at(i));
    }
    assertEquals(expected[size - 1], order.at(size - 1));
    assertNotEquals(expected[size - 1], EpochOrder.visit(size, 3, 3, true).at(size - 1));
    assertEquals(12345, EpochOrder.visit(size, 3, 2, false).at(12345));
  }
}
