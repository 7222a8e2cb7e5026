package org.trainkit.runtime.cli;

import java.util.concurrent.CountDownLatch;
import org.trainkit.runtime.train.Trainer;

/**
 * While training runs, turns Ctrl-C (SIGINT), SIGTERM and SIGHUP into {@link
 * Trainer#requestStop()}: a JVM shutdown hook asks the loop to stop after the step in
 * progress, then waits until the command has written {@code checkpoints/last} and printed how
 * to resume, and only then lets the JVM exit. (A second Ctrl-C is ignored by the JVM while it
 * waits; kill -9 stays safe, since checkpoints are written atomically.)
 */
final class StopOnSignal implements AutoCloseable {
  private final CountDownLatch done = new CountDownLatch(1);
  private Thread hook;

  /** Installs the hook for {@code trainer}; {@link #close} removes it when training ends. */
  StopOnSignal watch(Trainer<?, ?, ?> trainer) {
    hook = new Thread(() -> {
      trainer.requestStop();
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "trainkit-stop-on-signal");
    Runtime.getRuntime().addShutdownHook(hook);
    return this;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs, and waits for release()
    }
  }

  /** Lets a hook that is waiting return, and so the JVM exit: the command has said all. */
  void release() {
    done.countDown();
  }
}
