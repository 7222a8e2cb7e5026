package org.trainkit.runtime.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The items a run trains or evaluates on: a count and random access to item {@code i}, which is
 * all the loop needs. A dataset opened from a file ({@link Datasets#open}) reads item {@code i}
 * from disk by its offset when its batch comes, so the file may be larger than the heap; an
 * in-memory list is one too ({@link #of}).
 *
 * <p>{@link #get} may be called from several loader threads at once. A dataset may be iterated
 * any number of times (two-pass fitting is fine); each pass reads the items again.
 *
 * @param <R> the raw item type
 */
public interface Dataset<R> extends Iterable<R>, AutoCloseable {

  /** The number of items. */
  int size();

  /** Item {@code index} (0-based), read or parsed now. Thread-safe. */
  R get(int index);

  /**
   * An error about item {@code index} that says where the item is: {@code file:line} for an
   * item of an indexed file, its position otherwise. For what only {@code fit} or the component
   * can find wrong in an item the reader accepted (a training sentence without tags, say).
   */
  default RuntimeException invalidItem(int index, String problem) {
    return new IllegalArgumentException("item " + (index + 1) + " of " + this + ": " + problem);
  }

  /** The file the items come from, identified by size, time and hash; empty for a list. */
  default Optional<FileFingerprint> source() {
    return Optional.empty();
  }

  default boolean isEmpty() {
    return size() == 0;
  }

  /** The items in order, read one at a time. */
  @Override
  default Iterator<R> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < size();
      }

      @Override
      public R next() {
        if (next >= size()) {
          throw new NoSuchElementException();
        }
        return get(next++);
      }
    };
  }

  /** The items in order, as a sequential stream. */
  default Stream<R> stream() {
    return IntStream.range(0, size()).mapToObj(this::get);
  }

  /** Releases the file and index a dataset opened from a file holds. Lists hold nothing. */
  @Override
  default void close() {}

  /** The items of {@code items}, which must not change while the dataset is used. */
  static <R> Dataset<R> of(List<R> items) {
    return new ListDataset<>(List.copyOf(items));
  }

  /** No items (e.g. no dev set). */
  static <R> Dataset<R> empty() {
    return new ListDataset<>(List.of());
  }
}
