package org.trainkit.benchmarks.loop;

/** One way of training a workload, timed a number of optimizer steps at a time. */
public interface Contender extends AutoCloseable {

  /** {@code a}, {@code a1}, {@code b}, {@code c} or {@code d}. */
  String id();

  /** What it is, for the table. */
  String label();

  /**
   * Runs {@code steps} optimizer steps (continuing where the last call stopped, or — for
   * trainkit — as one run of that many steps) and returns the seconds they took.
   */
  double timeSteps(int steps) throws Exception;

  @Override
  void close() throws Exception;
}
