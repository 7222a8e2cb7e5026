package org.trainkit.runtime.data;

import java.util.Iterator;
import java.util.List;

/** A dataset held in the heap. */
final class ListDataset<R> implements Dataset<R> {

  private final List<R> items;

  ListDataset(List<R> items) {
    this.items = items;
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public R get(int index) {
    return items.get(index);
  }

  @Override
  public Iterator<R> iterator() {
    return items.iterator();
  }

  @Override
  public String toString() {
    return items.size() + " items in memory";
  }
}
