package org.trainkit.runtime;

/**
 * A checkpoint cannot be used: it is missing, truncated, damaged, or belongs to another model.
 * The message names the checkpoint file and what is wrong with it. Nothing was trained or
 * written when this is thrown while resuming.
 */
public final class CheckpointException extends TrainingException {

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
