package org.trainkit.runtime.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whole-file writes that a crash cannot leave half done: the bytes go to a temporary file in the
 * target's directory, are forced to disk, and the temporary file is then renamed over the target
 * in one step. A reader sees the old content or the new, never a mix; a failed write leaves the
 * old file as it was and no temporary file behind.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Replaces (or creates) {@code target} with {@code content}, creating its directory if needed.
   *
   * @throws IOException naming {@code target} when anything fails; the target is then unchanged
   */
  public static void write(Path target, byte[] content) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    // Same directory as the target: a rename is only atomic within one file system.
    String unique = Long.toHexString(ThreadLocalRandom.current().nextLong());
    Path temp = directory.resolve("." + target.getFileName() + "." + unique + ".tmp");
    boolean moved = false;
    try {
      Files.createDirectories(directory);
      // CREATE_NEW rather than Files.createTempFile: the latter makes the file owner-only
      // (rw-------), and the rename would carry that mode over to the report.
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        // Without this a crash soon after the rename can leave an empty file on some file
        // systems (the rename reaches the disk before the data).
        channel.force(true);
      }
      Files.move(
          temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
    } catch (IOException e) {
      throw Json.cannot("write", target, e);
    } finally {
      if (!moved) {
        deleteQuietly(temp);
      }
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // The write has already failed and says so; a leftover ".tmp" file is harmless.
    }
  }
}
