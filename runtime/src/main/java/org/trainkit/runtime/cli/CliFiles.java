package org.trainkit.runtime.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.io.RunDirectory;

/** The checks on files and directories every command makes before it starts. */
final class CliFiles {

  private CliFiles() {}

  /**
   * The items of {@code file}, opened for {@code option}: indexed (or its index reused) and read
   * by offset as the run needs them, so the file may be larger than the heap. An empty file is an
   * error. Close the dataset when the run is over.
   */
  static <R> Dataset<R> open(DatasetReader<R> reader, Path file, String option) {
    Dataset<R> dataset;
    try {
      dataset = reader.open(file);
    } catch (IOException | UncheckedIOException e) {
      throw new UsageError(option + ": cannot read " + file + ": " + e.getMessage());
    }
    if (dataset.isEmpty()) {
      dataset.close();
      throw new UsageError(option + ": " + file + " holds no items");
    }
    return dataset;
  }

  /**
   * Every item of {@code file}, read for {@code option} in one pass into a list; an empty file
   * is an error. For small inputs only: training and evaluation use {@link #open}.
   */
  static <R> List<R> readAll(DatasetReader<R> reader, Path file, String option) {
    try (Stream<R> items = reader.read(file)) {
      List<R> list = new ArrayList<>();
      items.forEach(list::add);
      if (list.isEmpty()) {
        throw new UsageError(option + ": " + file + " holds no items");
      }
      return list;
    } catch (IOException | UncheckedIOException e) {
      throw new UsageError(option + ": cannot read " + file + ": " + e.getMessage());
    }
  }

  static void requireReadable(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      throw new UsageError(option + ": " + file + " does not exist or is not a file");
    }
    if (!Files.isReadable(file)) {
      throw new UsageError(option + ": " + file + " is not readable");
    }
  }

  /**
   * Checks, without creating anything, that {@code dir} is a directory or can be created as one,
   * and that files can be written there: by creating and deleting a probe file in it or in its
   * nearest existing ancestor (permission bits alone say nothing to root, nor about a read-only
   * file system).
   */
  static void requireWritableDirectory(Path dir) {
    Path existing = dir.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new UsageError("--out: cannot create " + dir + ": no existing parent directory");
    }
    if (!Files.isDirectory(existing)) {
      throw new UsageError("--out: cannot create " + dir + ": " + existing + " is a file, not a directory");
    }
    try {
      Path probe = Files.createTempFile(existing, ".trainkit-write-test-", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new UsageError("--out: " + (existing.equals(dir.toAbsolutePath().normalize())
          ? dir + " is not writable" : "cannot create " + dir + ": " + existing + " is not writable")
          + " (" + e.getMessage() + ")");
    }
  }

  static void createDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UsageError("--out: cannot create " + dir + ": " + e.getMessage());
    }
  }

  static void deleteRun(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        // the lock stays: the process replacing the run holds it
        if (!p.equals(dir) && !p.equals(RunDirectory.at(dir).lock())) {
          Files.delete(p);
        }
      }
    }
  }
}
