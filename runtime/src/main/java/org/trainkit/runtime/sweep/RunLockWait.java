package org.trainkit.runtime.sweep;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.trainkit.runtime.io.RunDirectory;

/**
 * Waits until no process holds a run directory's {@code train.lock}: after a sweep was killed,
 * its children finish the step in progress and write a checkpoint before they exit, and the
 * resumed sweep must not start the same run beside them.
 */
final class RunLockWait {

  private RunLockWait() {}

  /** The pid written in the lock file, or "?". */
  static String owner(Path runDirectory) {
    try {
      return Files.readString(RunDirectory.at(runDirectory).lock(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  /** True while another process holds the run's lock. */
  static boolean locked(Path runDirectory) {
    Path lockFile = RunDirectory.at(runDirectory).lock();
    if (!Files.isRegularFile(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false; // gone meanwhile, or unreadable: train itself will say
    }
  }
}
