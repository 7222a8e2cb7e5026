package org.trainkit.runtime.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns a data file into raw items. The framework opens and reads the file; the reader says how
 * the file splits into items ({@link #split}: one per line, blank-line-separated blocks, a header
 * line starting each item) and parses one item from its lines ({@link #parse}). So one pass can
 * index and hash a file of any size, a training run reads item {@code i} by its offset, and every
 * problem is reported as {@code file:line} the same way.
 *
 * <p>A format whose items cannot be found line by line returns {@link ItemSplit#unindexed()} and
 * overrides {@link #read}; its files are then read whole into memory, after a heap check.
 *
 * <p>Readers are called from several loader threads at once: {@link #parse} must not change
 * shared state.
 *
 * @param <R> the raw item type
 */
public interface DatasetReader<R> {

  /** A reader that splits files by {@code split} and parses each item with {@code parse}. */
  static <R> DatasetReader<R> of(ItemSplit split, Function<ItemLines, R> parse) {
    return new DatasetReader<>() {
      @Override
      public ItemSplit split() {
        return split;
      }

      @Override
      public R parse(ItemLines item) {
        return parse.apply(item);
      }
    };
  }

  /** How a file splits into items. */
  ItemSplit split();

  /**
   * One item from its lines. A malformed line is reported with {@link ItemLines#error}, which
   * names the file and line.
   *
   * @throws DataFormatException when the lines do not make an item
   */
  R parse(ItemLines item);

  /**
   * The items of {@code file}, in order, read as the stream is consumed: one sequential pass, no
   * index (evaluation, prediction). Close the stream to release the file.
   */
  default Stream<R> read(Path file) throws IOException {
    return Datasets.stream(this, file);
  }

  /**
   * The items of {@code file} with random access, for training: indexed on first use (or read
   * whole, for an unindexed split). Close the dataset to release the file.
   */
  default Dataset<R> open(Path file) throws IOException {
    return Datasets.open(this, file);
  }
}
