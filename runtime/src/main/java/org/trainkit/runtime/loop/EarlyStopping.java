package org.trainkit.runtime.loop;

/**
 * Stops a run after {@code patience} evaluations in a row without an improvement larger than
 * {@code minDelta} of the monitored value, lower or higher being better (dwi_ml's bad epochs).
 */
public final class EarlyStopping {

  private final int patience;
  private final double minDelta;
  private final boolean higherIsBetter;
  private double best = Double.NaN;
  private int badEvaluations;

  /** @param patience evaluations without improvement before stopping; 0 disables stopping */
  public EarlyStopping(int patience, double minDelta, boolean higherIsBetter) {
    this.patience = patience;
    this.minDelta = minDelta;
    this.higherIsBetter = higherIsBetter;
  }

  /** Records an evaluation; returns true when the run should stop. NaN values are ignored. */
  public boolean update(double value) {
    if (Double.isNaN(value)) {
      return false;
    }
    if (Double.isNaN(best) || improves(value)) {
      best = value;
      badEvaluations = 0;
    } else {
      badEvaluations++;
    }
    return patience > 0 && badEvaluations >= patience;
  }

  private boolean improves(double value) {
    return higherIsBetter ? value > best + minDelta : value < best - minDelta;
  }

  public double best() {
    return best;
  }

  public int badEvaluations() {
    return badEvaluations;
  }

  /** Restores the state of a checkpoint. */
  public void restore(double best, int badEvaluations) {
    this.best = best;
    this.badEvaluations = badEvaluations;
  }
}
