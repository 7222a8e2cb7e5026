package org.trainkit.runtime.cli;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.trainkit.runtime.sweep.ChildCommand;

/**
 * In a JVM a sweep started (the system property {@link ChildCommand#PARENT_PID} names the sweep's
 * pid), a daemon thread that stops this JVM when the sweep is gone — killed, even by kill -9: the
 * OS then gives this process another parent. It exits as Ctrl-C would: the step in progress is
 * finished and {@code checkpoints/last} written, so the resumed sweep continues exactly.
 */
final class ParentWatch {
  private static final long POLL_MILLIS = 200;
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private ParentWatch() {}

  static void startIfAsked() {
    String property = System.getProperty(ChildCommand.PARENT_PID);
    if (property == null || !STARTED.compareAndSet(false, true)) {
      return;
    }
    long expected;
    try {
      expected = Long.parseLong(property.strip());
    } catch (NumberFormatException e) {
      System.err.println("warning: " + ChildCommand.PARENT_PID + "=" + property + " is not a pid");
      return;
    }
    Thread watch = new Thread(() -> {
      while (true) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || parent.get().pid() != expected || !parent.get().isAlive()) {
          System.err.println("the sweep (pid " + expected + ") is gone: stopping after the step "
              + "in progress");
          System.exit(TrainerCli.INTERRUPTED);
        }
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "trainkit-sweep-parent-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
