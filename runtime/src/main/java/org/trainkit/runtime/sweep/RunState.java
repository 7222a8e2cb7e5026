package org.trainkit.runtime.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.trainkit.runtime.checkpoint.CheckpointStore;
import org.trainkit.runtime.io.RunDirectory;

/**
 * Where a planned run stands, read from its files alone: finished ({@code summary.json}),
 * failed (its {@code .failed} record), interrupted (a checkpoint to resume from), or not started.
 *
 * @param failure the recorded message of a failed run, else null
 */
public record RunState(Status status, String failure) {

  /** The four states. */
  public enum Status { FINISHED, FAILED, INTERRUPTED, NOT_STARTED }

  public static RunState of(SweepLayout layout, PlannedRun run) {
    Path dir = layout.run(run.name());
    if (Files.isRegularFile(RunDirectory.at(dir).summary())) {
      return new RunState(Status.FINISHED, null);
    }
    Path failed = layout.failure(run.name());
    if (Files.isRegularFile(failed)) {
      String message;
      try {
        message = Files.readString(failed, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        message = "failed (" + failed + " unreadable: " + e.getMessage() + ")";
      }
      return new RunState(Status.FAILED, message);
    }
    return new RunState(resumable(dir) ? Status.INTERRUPTED : Status.NOT_STARTED, null);
  }

  /** True when the run directory holds a complete checkpoint to continue from. */
  static boolean resumable(Path runDirectory) {
    if (!Files.isDirectory(RunDirectory.at(runDirectory).checkpoints())) {
      return false;
    }
    try {
      new CheckpointStore(runDirectory).resumable();
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
