package org.trainkit.runtime.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads raw items from a data file, lazily, so that files larger than the heap can be read.
 * A malformed line is reported as a {@link DataFormatException} naming the file and line.
 *
 * @param <R> the raw item type
 */
@FunctionalInterface
public interface DatasetReader<R> {

  /** The items of {@code file}, in order. Close the stream to release the file. */
  Stream<R> read(Path file) throws IOException;
}
