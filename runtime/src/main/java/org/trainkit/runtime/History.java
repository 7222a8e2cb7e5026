package org.trainkit.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import org.trainkit.runtime.train.Trainer;

/**
 * Every iteration of a run, in order, with the best value of the monitored quantity and the
 * iteration that reached it. {@code Trainer.train()} returns it; {@code history.json} holds it.
 */
public final class History {

  private final String monitor;
  private final boolean higherIsBetter;
  private final List<EpochSummary> iterations;

  public History(String monitor, boolean higherIsBetter, List<EpochSummary> iterations) {
    this.monitor = monitor;
    this.higherIsBetter = higherIsBetter;
    this.iterations = Collections.unmodifiableList(new ArrayList<>(iterations));
  }

  /** The monitored quantity: {@code dev_loss}, {@code train_loss} or a metric name. */
  public String monitor() {
    return monitor;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  public List<EpochSummary> iterations() {
    return iterations;
  }

  /** This history with one more iteration. */
  public History plus(EpochSummary summary) {
    List<EpochSummary> more = new ArrayList<>(iterations);
    more.add(summary);
    return new History(monitor, higherIsBetter, more);
  }

  /** The iteration with the best monitored value, if any iteration has one. */
  public OptionalInt bestIteration() {
    EpochSummary best = best();
    return best == null ? OptionalInt.empty() : OptionalInt.of(best.iteration());
  }

  /** The best monitored value; NaN when no iteration has one. */
  public double bestValue() {
    EpochSummary best = best();
    return best == null ? Double.NaN : best.value(monitor);
  }

  /** The summary of the best iteration, or null. Ties go to the earliest. */
  public EpochSummary best() {
    EpochSummary best = null;
    for (EpochSummary s : iterations) {
      double v = s.value(monitor);
      if (Double.isNaN(v)) {
        continue;
      }
      if (best == null || (higherIsBetter ? v > best.value(monitor) : v < best.value(monitor))) {
        best = s;
      }
    }
    return best;
  }

  /** The same history with wall times zeroed, for comparing runs. */
  public History withoutTimings() {
    List<EpochSummary> untimed = new ArrayList<>();
    iterations.forEach(s -> untimed.add(s.withoutTiming()));
    return new History(monitor, higherIsBetter, untimed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof History
        && monitor.equals(((History) o).monitor)
        && higherIsBetter == ((History) o).higherIsBetter
        && iterations.equals(((History) o).iterations);
  }

  @Override
  public int hashCode() {
    return iterations.hashCode();
  }

  @Override
  public String toString() {
    return "History{monitor=" + monitor + ", iterations=" + iterations + "}";
  }
}
