package org.trainkit.runtime.tensorboard;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.trainkit.runtime.tensorboard.proto.Event;

/**
 * One events file, {@code events.out.tfevents.<unix seconds>.<hostname>} as TensorBoard's own
 * writers name it, opened by a {@code file_version} event. Each {@link #append} opens the file,
 * writes whole records and closes it, so a watching TensorBoard sees every iteration at once and
 * a run that dies leaves no open stream behind.
 */
final class EventFileWriter {

  static final String FILE_VERSION = "brain.Event:2";

  private final Path file;

  private EventFileWriter(Path file) {
    this.file = file;
  }

  /**
   * A new events file in {@code directory} (created if needed). A file of the same second and
   * host (a run resumed at once) gets a {@code .1}, {@code .2}, ... suffix, which also sorts it
   * after the earlier one.
   */
  static EventFileWriter create(Path directory, double wallTime) throws IOException {
    Files.createDirectories(directory);
    String name = EventFiles.PREFIX + (long) wallTime + "." + hostname();
    Event version = Event.newBuilder().setWallTime(wallTime).setFileVersion(FILE_VERSION).build();
    for (int n = 0; ; n++) {
      Path file = directory.resolve(n == 0 ? name : name + "." + n);
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
        out.write(TfRecords.frame(version.toByteArray()));
        return new EventFileWriter(file);
      } catch (FileAlreadyExistsException e) {
        // taken: try the next suffix
      }
    }
  }

  Path file() {
    return file;
  }

  /** Appends {@code event} as one record. */
  void append(Event event) throws IOException {
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
      out.write(TfRecords.frame(event.toByteArray()));
    }
  }

  /** This machine's name, reduced to characters safe in a file name. */
  static String hostname() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "localhost";
    }
    String safe = host.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() ? "localhost" : safe;
  }
}
