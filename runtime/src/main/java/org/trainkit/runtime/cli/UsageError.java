package org.trainkit.runtime.cli;

/** A usage or input problem found before training: exit code 2. */
final class UsageError extends RuntimeException {
  UsageError(String message) {
    super(message);
  }
}
