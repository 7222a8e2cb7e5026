package org.trainkit.runtime;

/**
 * Training could not go on: the message says why, and what is still safe (the last checkpoint
 * stays loadable).
 *
 * <p>Subclasses say more precisely what happened: {@link CheckpointException} (a checkpoint cannot
 * be used) and {@link TrainingInterruptedException} (a stop was requested and honoured).
 */
public class TrainingException extends RuntimeException {

  public TrainingException(String message) {
    super(message);
  }

  public TrainingException(String message, Throwable cause) {
    super(message, cause);
  }
}
