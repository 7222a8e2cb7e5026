package org.trainkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Timings on a machine shared with other people's work. Measures how many cores the rest of
 * the machine used during a timing — all busy CPU time in {@code /proc/stat} (steal included)
 * minus this JVM's, its reaped children's and the tracked worker processes' — and retries a
 * timing during which that exceeded {@link #THRESHOLD} cores, waiting a moment for the
 * machine to calm down first; of the attempts, the quietest counts. (Torch's two intra-op
 * threads on two shared cores wait on each other at every parallel region: one busy neighbour
 * makes a step up to tens of times slower, so a noisy timing is not just a little off.)
 */
final class Quiet {

  /** Outside load, in cores, above which a timing is tried again. */
  static final double THRESHOLD = 0.3;

  /** A timing and the outside load while it ran. */
  record Timed(double value, double outsideCores, int attempts) {}

  private static final long HZ = 100; // USER_HZ: the unit of /proc/*/stat times
  private final List<Long> trackedPids = new ArrayList<>();
  private final int maxAttempts;
  private final long maxWaitMillis;
  /** Time left for retries and waiting: when the machine stays busy, the run must still end. */
  private long budgetNanos;

  /**
   * @param maxAttempts tries of one timing
   * @param maxWaitMillis the longest wait for a quiet moment before a retry
   * @param budgetMillis all the time retries and waits may take in the whole run; once spent,
   *     every timing is taken once
   */
  Quiet(int maxAttempts, long maxWaitMillis, long budgetMillis) {
    this.maxAttempts = maxAttempts;
    this.maxWaitMillis = maxWaitMillis;
    this.budgetNanos = budgetMillis * 1_000_000;
  }

  int maxAttempts() {
    return maxAttempts;
  }

  /** Counts {@code pid}'s CPU time as ours (the Python worker). */
  void track(long pid) {
    trackedPids.add(pid);
  }

  /** Runs {@code timing} until one attempt is quiet or the attempts run out; the quietest counts. */
  Timed measure(Callable<Double> timing) throws Exception {
    double bestValue = Double.NaN;
    double bestOutside = Double.POSITIVE_INFINITY;
    int attempts = 0;
    while (attempts < maxAttempts && (attempts == 0 || budgetNanos > 0)) {
      long retryBegin = System.nanoTime();
      if (attempts > 0) {
        waitForQuiet();
      }
      attempts++;
      long[] before = snapshot();
      long begin = System.nanoTime();
      double value = timing.call();
      long[] after = snapshot();
      double outside = outsideCores(before, after, (System.nanoTime() - begin) / 1e9);
      if (attempts > 1) {
        budgetNanos -= System.nanoTime() - retryBegin;
      }
      if (outside < bestOutside) {
        bestValue = value;
        bestOutside = outside;
      }
      if (outside <= THRESHOLD) {
        break;
      }
    }
    return new Timed(bestValue, bestOutside, attempts);
  }

  /** {@code ""} for a quiet first attempt, else {@code " [3 tries, outside 0.4]"}. */
  static String note(Timed t) {
    if (t.attempts() == 1 && t.outsideCores() <= THRESHOLD) {
      return "";
    }
    return String.format(java.util.Locale.ROOT, " [%d %s, outside %.1f]", t.attempts(),
        t.attempts() == 1 ? "try" : "tries", t.outsideCores());
  }

  /** Waits (up to the limit) until a half-second passes with the outside load under the threshold. */
  void waitForQuiet() throws InterruptedException {
    long deadline = System.currentTimeMillis() + Math.min(maxWaitMillis, budgetNanos / 1_000_000);
    while (System.currentTimeMillis() < deadline) {
      long[] before = snapshot();
      long begin = System.nanoTime();
      Thread.sleep(500);
      if (outsideCores(before, snapshot(), (System.nanoTime() - begin) / 1e9) <= THRESHOLD) {
        return;
      }
    }
  }

  /** The outside load over the last {@code millis}, in cores (for the record). */
  double sample(long millis) throws InterruptedException {
    long[] before = snapshot();
    long begin = System.nanoTime();
    Thread.sleep(millis);
    return outsideCores(before, snapshot(), (System.nanoTime() - begin) / 1e9);
  }

  private static double outsideCores(long[] before, long[] after, double seconds) {
    long busy = after[0] - before[0];
    long own = after[1] - before[1];
    return Math.max(0, (double) (busy - own) / HZ / seconds);
  }

  /** {busy jiffies of the machine, jiffies of this JVM, its reaped children and tracked pids}. */
  private long[] snapshot() {
    long busy = machineBusy();
    long own = processTimes(Path.of("/proc/self/stat"), true);
    for (long pid : trackedPids) {
      own += processTimes(Path.of("/proc/" + pid + "/stat"), false);
    }
    return new long[] {busy, own};
  }

  private static long machineBusy() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      // user nice system idle iowait irq softirq steal ...
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        if (i < f.length) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long processTimes(Path stat, boolean withChildren) {
    try {
      String s = Files.readString(stat);
      // fields after the command name, which is in parentheses and may hold spaces
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      // f[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17
      long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      if (withChildren) {
        t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
      }
      return t;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
