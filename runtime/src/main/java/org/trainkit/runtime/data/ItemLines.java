package org.trainkit.runtime.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The lines of one item, as the framework hands them to {@link DatasetReader#parse}: decoded
 * UTF-8 without line terminators, and where they come from, so that a problem is reported as
 * {@code file:line}.
 *
 * @param file the data file
 * @param firstLine the 1-based line number of {@code lines.get(0)}
 * @param lines the item's lines, at least one; never blank ones
 */
public record ItemLines(Path file, long firstLine, List<String> lines) {

  public ItemLines {
    lines = List.copyOf(lines);
  }

  /** Line {@code index} of the item (0-based). */
  public String line(int index) {
    return lines.get(index);
  }

  public int size() {
    return lines.size();
  }

  /** The 1-based line number in the file of the item's line {@code index}. */
  public long lineNumber(int index) {
    return firstLine + index;
  }

  /** A {@link DataFormatException} for the item's line {@code index}: throw it. */
  public DataFormatException error(int index, String problem) {
    return new DataFormatException(file, lineNumber(index), problem);
  }
}
