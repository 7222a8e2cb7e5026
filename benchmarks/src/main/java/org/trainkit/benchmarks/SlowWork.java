package org.trainkit.benchmarks;

import java.util.concurrent.locks.LockSupport;

/**
 * A deliberately slow piece of preprocessing: sleeps (the thread waits, as on I/O) or spins
 * (the thread keeps a core busy, as real CPU-bound preprocessing does) for a fixed time.
 */
public record SlowWork(long nanos, boolean spin) {

  /** No work at all. */
  public static final SlowWork NONE = new SlowWork(0, false);

  /** Waits {@code millis} (without using a core). */
  public static SlowWork sleep(double millis) {
    return new SlowWork((long) (millis * 1e6), false);
  }

  /** Keeps a core busy for {@code millis}. */
  public static SlowWork spin(double millis) {
    return new SlowWork((long) (millis * 1e6), true);
  }

  /** Does the work on the calling thread. */
  public void run() {
    if (nanos <= 0) {
      return;
    }
    long end = System.nanoTime() + nanos;
    if (spin) {
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
    } else {
      for (long left = nanos; left > 0; left = end - System.nanoTime()) {
        LockSupport.parkNanos(left);
      }
    }
  }

  /** {@code sleep 2 ms}, {@code spin 2 ms} or {@code none}. */
  public String describe() {
    return nanos <= 0 ? "none" : (spin ? "spin " : "sleep ") + nanos / 1e6 + " ms";
  }
}
