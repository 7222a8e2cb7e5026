package org.trainkit.runtime.data;

/**
 * The dataset positions an epoch visits, in order: position {@code k} of the visit reads item
 * {@link #at at(k)}. Backed by an array, by a memory-mapped file (large shuffled sets), or by
 * nothing (the identity order).
 */
public interface VisitOrder {

  int size();

  /** The item visited at step {@code position} of the epoch. */
  int at(int position);

  /** The identity order {@code 0, 1, …, size - 1}, without storing it. */
  static VisitOrder identity(int size) {
    return new VisitOrder() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public int at(int position) {
        if (position < 0 || position >= size) {
          throw new IndexOutOfBoundsException(position);
        }
        return position;
      }
    };
  }

  /** The order an array holds (not copied). */
  static VisitOrder of(int[] order) {
    return new VisitOrder() {
      @Override
      public int size() {
        return order.length;
      }

      @Override
      public int at(int position) {
        return order[position];
      }
    };
  }
}
