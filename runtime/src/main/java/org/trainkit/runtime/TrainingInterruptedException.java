package org.trainkit.runtime;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Training stopped because {@code Trainer.requestStop()} was called (by the command line on
 * Ctrl-C / SIGINT or SIGTERM): the step in progress was finished and {@code checkpoints/last}
 * written, so that {@code resume} continues exactly from there.
 */
public final class TrainingInterruptedException extends TrainingException {

  private final long globalStep;
  private final long totalSteps;
  private final Path checkpoint;

  public TrainingInterruptedException(long globalStep, long totalSteps, Path checkpoint) {
    super(checkpoint == null
        ? "stopped before the first step; nothing was trained, so there is nothing to resume"
        : "stopped after step " + globalStep + " of " + totalSteps + "; " + checkpoint
            + " holds that step");
    this.globalStep = globalStep;
    this.totalSteps = totalSteps;
    this.checkpoint = checkpoint;
  }

  /** Optimizer steps taken when training stopped. */
  public long globalStep() {
    return globalStep;
  }

  /** Optimizer steps the run would have taken. */
  public long totalSteps() {
    return totalSteps;
  }

  /** The checkpoint that holds the stopped run ({@code checkpoints/last}); empty if none. */
  public Optional<Path> checkpoint() {
    return Optional.ofNullable(checkpoint);
  }
}
