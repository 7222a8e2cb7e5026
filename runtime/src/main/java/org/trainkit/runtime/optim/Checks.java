package org.trainkit.runtime.optim;

/** Argument checks shared by the optimizers and schedules. */
final class Checks {

  private Checks() {}

  /** Throws {@link IllegalArgumentException} with the message when the condition is false. */
  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
