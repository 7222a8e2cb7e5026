package org.trainkit.runtime.data;

import java.nio.file.Path;

/** A data file holds something its reader cannot read: says which file, which line, and why. */
public final class DataFormatException extends RuntimeException {

  private final Path file;
  private final long line;

  public DataFormatException(Path file, long line, String problem) {
    super(file + ":" + line + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  /** 1-based line number. */
  public long line() {
    return line;
  }
}
