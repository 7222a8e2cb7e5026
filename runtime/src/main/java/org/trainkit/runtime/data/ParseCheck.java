package org.trainkit.runtime.data;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

/**
 * Parses the items of datasets opened from files before a run trains on them, so that a
 * malformed line is a {@code file:line} error before the first step rather than a failure hours
 * into a run. Indexing does not parse ({@link Datasets#open} only finds where items start); the
 * items {@code fit} reads are parsed there anyway, so a new run records them ({@link #recording})
 * and parses only the rest ({@link Reads#checkRest}), on all cores. A dataset whose every item
 * parsed is marked checked and not parsed again (a sweep checks its files once). Datasets held in
 * memory were parsed when they were read: they need no check.
 */
public final class ParseCheck {

  /** Blocks per core the items are parsed in, in parallel. */
  private static final int BLOCKS_PER_CORE = 16;

  private ParseCheck() {}

  /**
   * Parses every item of each dataset not checked yet, in parallel; throws the problem of the
   * first item (in the order of {@code datasets}, then file order) that has one, so the message
   * does not depend on thread timing.
   *
   * @throws DataFormatException for a malformed item, naming file and line
   */
  public static void all(List<? extends Dataset<?>> datasets) {
    for (Dataset<?> data : datasets) {
      if (needsCheck(data)) {
        parse(data, null);
        ((IndexedDataset<?>) data).markChecked();
      }
    }
  }

  /** {@link #all(List)} of the given datasets. */
  public static void all(Dataset<?>... datasets) {
    all(List.of(datasets));
  }

  /**
   * A view of {@code data} that records which items are read through it: hand it to {@code fit},
   * then call {@link Reads#checkRest} to parse the items {@code fit} did not read.
   */
  public static <R> Reads<R> recording(Dataset<R> data) {
    return new Reads<>(data);
  }

  /** Whether {@code data} holds items no one has parsed yet. */
  static boolean needsCheck(Dataset<?> data) {
    return data instanceof IndexedDataset<?> indexed && !indexed.checked();
  }

  /** Parses the items of {@code data} whose bit in {@code read} is not set (all when null). */
  private static void parse(Dataset<?> data, AtomicLongArray read) {
    int size = data.size();
    int blocks = Math.max(1, Math.min(size,
        BLOCKS_PER_CORE * Runtime.getRuntime().availableProcessors()));
    RuntimeException first = IntStream.range(0, blocks).parallel().mapToObj(b -> {
      int from = (int) ((long) size * b / blocks);
      int to = (int) ((long) size * (b + 1) / blocks);
      try {
        for (int i = from; i < to; i++) {
          if (read == null || !isSet(read, i)) {
            data.get(i);
          }
        }
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    }).filter(Objects::nonNull).findFirst().orElse(null);
    if (first != null) {
      throw first;
    }
  }

  private static boolean isSet(AtomicLongArray bits, int i) {
    return (bits.get(i >>> 6) & (1L << i)) != 0;
  }

  /**
   * A dataset that records the items read through it (from any thread), for {@code fit}: the
   * items it reads parse there, and {@link #checkRest} parses the others. Closing it does not
   * close the dataset it views.
   */
  public static final class Reads<R> implements Dataset<R> {
    private final Dataset<R> data;
    private final AtomicLongArray read; // null: nothing to check

    private Reads(Dataset<R> data) {
      this.data = data;
      this.read = needsCheck(data) ? new AtomicLongArray((data.size() + 63) >>> 6) : null;
    }

    @Override
    public int size() {
      return data.size();
    }

    @Override
    public R get(int index) {
      R item = data.get(index);
      mark(index);
      return item;
    }

    /** The items in order, through the dataset's own (sequential, chunked) iterator. */
    @Override
    public Iterator<R> iterator() {
      Iterator<R> items = data.iterator();
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return items.hasNext();
        }

        @Override
        public R next() {
          R item = items.next();
          mark(next++);
          return item;
        }
      };
    }

    private void mark(int index) {
      if (read != null) {
        long bit = 1L << index;
        int word = index >>> 6;
        long was;
        while (((was = read.get(word)) & bit) == 0 && !read.compareAndSet(word, was, was | bit)) {
          // another thread set a bit of the same word: try again
        }
      }
    }

    @Override
    public RuntimeException invalidItem(int index, String problem) {
      return data.invalidItem(index, problem);
    }

    @Override
    public Optional<FileFingerprint> source() {
      return data.source();
    }

    /**
     * Parses the items not read through this view, in parallel, and marks the dataset checked.
     *
     * @throws DataFormatException for a malformed item, naming file and line (the first in file
     *     order)
     */
    public void checkRest() {
      if (read != null && needsCheck(data)) {
        parse(data, read);
        ((IndexedDataset<?>) data).markChecked();
      }
    }

    @Override
    public String toString() {
      return data.toString();
    }
  }
}
