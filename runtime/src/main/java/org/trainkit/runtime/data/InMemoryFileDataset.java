package org.trainkit.runtime.data;

import java.util.List;
import java.util.Optional;

/** The items of a file its reader cannot index, read whole into the heap. */
final class InMemoryFileDataset<R> implements Dataset<R> {

  private final List<R> items;
  private final FileFingerprint source;

  InMemoryFileDataset(List<R> items, FileFingerprint source) {
    this.items = items;
    this.source = source;
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
  public Optional<FileFingerprint> source() {
    return Optional.of(source);
  }
}
