package org.trainkit.runtime.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.trainkit.runtime.io.RunDirectory;

/**
 * The lock a {@code train} holds on its run directory while it runs, so that two processes never
 * write one run (a sweep started twice, a job array's task run twice). It is an OS file lock on
 * {@code train.lock} ({@link FileChannel#tryLock}): the OS drops it when the process dies, even by
 * kill -9, so a crashed run is never left locked. The file holds the owner's pid, for the message.
 */
final class RunLock implements AutoCloseable {
  private final RunDirectory run;
  private final FileChannel channel;
  private final FileLock lock;
  private final boolean createdDirectory;

  private RunLock(RunDirectory run, FileChannel channel, FileLock lock, boolean createdDirectory) {
    this.run = run;
    this.channel = channel;
    this.lock = lock;
    this.createdDirectory = createdDirectory;
  }

  /**
   * Locks the run directory {@code out}, creating it when missing (it is removed again on {@link
   * #close} if nothing but the lock was written into it).
   *
   * @throws UsageError when another process (or another command in this JVM) holds the lock
   */
  static RunLock acquire(Path out) {
    RunDirectory run = RunDirectory.at(out);
    boolean created = !Files.isDirectory(out);
    if (created) {
      CliFiles.requireWritableDirectory(out);
      CliFiles.createDirectory(out);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(run.lock(), StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this JVM
      }
      if (lock == null) {
        String owner = owner(run.lock());
        channel.close();
        throw new UsageError("--out: " + out + " is in use: another train" + owner
            + " holds its lock (" + run.lock() + "); wait until it ends, or stop it first");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
          .getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new RunLock(run, channel, lock, created);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UsageError("--out: cannot lock " + run.lock() + ": " + e.getMessage());
    }
  }

  private static String owner(Path lockFile) {
    try {
      String pid = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
      return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a channel we failed to use
      }
    }
  }

  /** Releases the lock; a directory this lock created and nothing else wrote into goes too. */
  @Override
  public void close() {
    try {
      if (createdDirectory && onlyTheLockIn(run.root())) {
        Files.deleteIfExists(run.lock());
        lock.release();
        channel.close();
        Files.deleteIfExists(run.root());
        return;
      }
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the OS releases the lock when the process ends
    }
  }

  private static boolean onlyTheLockIn(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.allMatch(p -> p.getFileName().toString().equals(RunDirectory.LOCK));
    }
  }
}
