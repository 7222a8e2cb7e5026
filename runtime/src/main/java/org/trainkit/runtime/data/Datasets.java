package org.trainkit.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Opens data files for a {@link DatasetReader}: the framework, not the reader, reads the bytes,
 * so that indexing, hashing and reading share one splitter and one error path.
 */
public final class Datasets {

  /**
   * Heap bytes an in-memory item costs per byte of file, as a safe guess: Java strings hold two
   * bytes per character, and each item and line is an object with its own headers.
   */
  static final int HEAP_BYTES_PER_FILE_BYTE = 4;

  private Datasets() {}

  /**
   * The items of {@code file} as a dataset. When the reader's split is indexable, the file is
   * indexed (or its current index reused) and items are read by offset when asked for; the items
   * are not parsed here ({@link ParseCheck} does that before a run trains, so that a malformed
   * line is reported before the first step). Else the whole file is read into the heap, after
   * checking that it can fit.
   *
   * @throws IOException when the file cannot be read or indexed, or cannot fit in the heap
   * @throws DataFormatException when the file is not what the reader expects
   */
  public static <R> Dataset<R> open(DatasetReader<R> reader, Path file) throws IOException {
    ItemSplit split = reader.split();
    if (split.indexable()) {
      return new IndexedDataset<>(reader, file, DatasetIndex.openOrBuild(file, split));
    }
    requireHeapFor(file, reader);
    FileFingerprint fingerprint = FileFingerprint.of(file);
    List<R> items = new ArrayList<>();
    try (Stream<R> stream = reader.read(file)) {
      stream.forEach(items::add);
    }
    return new InMemoryFileDataset<>(List.copyOf(items), fingerprint);
  }

  /**
   * The items of {@code file} in order, read as the stream is consumed (one item in the heap at a
   * time), without an index: for one pass (evaluation, prediction). Close the stream to close the
   * file. This is what {@link DatasetReader#read}'s default does.
   */
  public static <R> Stream<R> stream(DatasetReader<R> reader, Path file) throws IOException {
    ItemSplit split = reader.split();
    if (!split.indexable()) {
      throw new IllegalStateException(reader.getClass().getName()
          + " cannot be split by the framework (ItemSplit.unindexed()); it must override read(Path)");
    }
    InputStream in = Files.newInputStream(file);
    FileLines lines = new FileLines(file, in, 0, 0, null, 1 << 16);
    ItemCutter cutter = new ItemCutter(split);
    Spliterator<R> items = new Spliterators.AbstractSpliterator<R>(
        Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
      private boolean pending; // the current line starts the next item

      @Override
      public boolean tryAdvance(Consumer<? super R> action) {
        if (!pending) {
          while (true) {
            if (!lines.next()) {
              return false;
            }
            if (cutter.classify(lines) == ItemCutter.Step.START) {
              break;
            }
          }
        }
        long firstLine = lines.lineNumber();
        List<String> texts = new ArrayList<>();
        texts.add(lines.text());
        pending = false;
        while (lines.next()) {
          ItemCutter.Step step = cutter.classify(lines);
          if (step == ItemCutter.Step.CONTINUE) {
            texts.add(lines.text());
          } else {
            pending = step == ItemCutter.Step.START;
            break;
          }
        }
        action.accept(reader.parse(new ItemLines(file, firstLine, texts)));
        return true;
      }
    };
    return StreamSupport.stream(items, false).onClose(() -> {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + file, e);
      }
    });
  }

  /**
   * Refuses, with a message saying what to do, a file that cannot be indexed and is too large
   * for the heap that is free now — instead of running until an {@code OutOfMemoryError}.
   */
  static void requireHeapFor(Path file, DatasetReader<?> reader) throws IOException {
    long size = Files.size(file);
    Runtime runtime = Runtime.getRuntime();
    long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    long needed = size * HEAP_BYTES_PER_FILE_BYTE;
    if (needed > free) {
      throw new IOException(String.format(Locale.ROOT,
          "%s is %s and its reader %s cannot index it (ItemSplit.unindexed()), so it must be read"
              + " whole into memory: about %s of heap, but %s is free; give Java more heap"
              + " (-Xmx%dm or more), or give the reader an indexable ItemSplit",
          file, megabytes(size), reader.getClass().getSimpleName(), megabytes(needed),
          megabytes(free), (runtime.maxMemory() - free + needed) / (1 << 20) + 1));
    }
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
  }
}
