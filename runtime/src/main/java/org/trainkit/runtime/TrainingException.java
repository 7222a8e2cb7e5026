package org.trainkit.runtime;

/**
 * Training could not go on: the message says why, and what is still safe (the last checkpoint
 * stays loadable).
 */
public final class TrainingException extends RuntimeException {

  public TrainingException(String message) {
    super(message);
  }

  public TrainingException(String message, Throwable cause) {
    super(message, cause);
  }
}
