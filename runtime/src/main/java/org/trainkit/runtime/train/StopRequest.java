package org.trainkit.runtime.train;

/** A stop asked for from any thread (a shutdown hook), read by the loop between steps. */
final class StopRequest {

  private volatile boolean requested;

  void request() {
    requested = true;
  }

  boolean isRequested() {
    return requested;
  }

  void clear() {
    requested = false;
  }
}
