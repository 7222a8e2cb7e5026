package org.trainkit.runtime.tensorboard;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.trainkit.runtime.io.AtomicFiles;
import org.trainkit.runtime.tensorboard.proto.Event;

/** Reading and trimming the events files of a directory. */
public final class EventFiles {

  /** TensorBoard's name prefix; it reads every file whose name contains {@code tfevents}. */
  public static final String PREFIX = "events.out.tfevents.";

  private EventFiles() {}

  /**
   * The events files in {@code directory}, in the order TensorBoard reads them (by name, which
   * starts with the creation second); none when the directory does not exist.
   */
  public static List<Path> list(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(PREFIX) && Files.isRegularFile(f))
          .sorted()
          .toList();
    }
  }

  /**
   * Every event of {@code file}, with the record framing and CRCs checked.
   *
   * @throws IOException naming the file and the record when one is damaged or not an event
   */
  public static List<Event> read(Path file) throws IOException {
    List<byte[]> records = TfRecords.read(file);
    List<Event> events = new ArrayList<>(records.size());
    for (byte[] record : records) {
      try {
        events.add(Event.parseFrom(record));
      } catch (InvalidProtocolBufferException e) {
        throw new IOException(
            file + ": record " + (events.size() + 1) + " is not an Event: " + e.getMessage(), e);
      }
    }
    return events;
  }

  /**
   * Removes from {@code file} the scalar events after {@code step}, rewriting it in one atomic
   * step; leaves it untouched when it has none. A resumed run repeats the iterations after its
   * checkpoint, and TensorBoard would show both copies of each.
   *
   * @return whether the file was rewritten
   */
  static boolean dropAfter(Path file, long step) throws IOException {
    List<Event> events = read(file);
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    boolean dropped = false;
    for (Event event : events) {
      if (event.hasSummary() && event.getStep() > step) {
        dropped = true;
      } else {
        kept.write(TfRecords.frame(event.toByteArray()));
      }
    }
    if (dropped) {
      AtomicFiles.write(file, kept.toByteArray());
    }
    return dropped;
  }
}
