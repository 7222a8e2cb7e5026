package com.example.tagging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.trainkit.runtime.data.DatasetReader;

/** One sentence per line. */
public final class LineReader implements DatasetReader<String> {

  @Override
  public Stream<String> read(Path file) throws IOException {
    return Files.lines(file);
  }
}
