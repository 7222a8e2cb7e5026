package org.trainkit.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training iteration produced: an epoch in epoch mode, or {@code evalFrequency}
 * steps in step mode. {@code @OnEpochEnd} methods receive it and may {@link #requestStop()}.
 */
public final class EpochSummary {

  private final int iteration;
  private final long globalStep;
  private final double trainLoss;
  private final double devLoss;
  private final Map<String, Double> metrics;
  private final double learningRate;
  private final double seconds;
  private boolean stopRequested;

  /**
   * @param iteration 1-based iteration number
   * @param globalStep optimizer steps taken so far
   * @param trainLoss mean training loss over the iteration
   * @param devLoss mean dev loss, NaN when the iteration was not evaluated
   * @param metrics dev metrics by name, empty when the iteration was not evaluated
   * @param learningRate learning rate at the end of the iteration
   * @param seconds wall time of the iteration, evaluation included
   */
  public EpochSummary(
      int iteration,
      long globalStep,
      double trainLoss,
      double devLoss,
      Map<String, Double> metrics,
      double learningRate,
      double seconds) {
    this.iteration = iteration;
    this.globalStep = globalStep;
    this.trainLoss = trainLoss;
    this.devLoss = devLoss;
    this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    this.learningRate = learningRate;
    this.seconds = seconds;
  }

  public int iteration() {
    return iteration;
  }

  public long globalStep() {
    return globalStep;
  }

  public double trainLoss() {
    return trainLoss;
  }

  /** Mean dev loss; NaN when this iteration was not evaluated. */
  public double devLoss() {
    return devLoss;
  }

  /** True when the dev set was evaluated at the end of this iteration. */
  public boolean evaluated() {
    return !Double.isNaN(devLoss);
  }

  /** Dev metrics by name; empty when this iteration was not evaluated. */
  public Map<String, Double> metrics() {
    return metrics;
  }

  /**
   * The value of a monitored quantity: {@code train_loss}, {@code dev_loss} or a metric name;
   * NaN when absent.
   */
  public double value(String name) {
    switch (name) {
      case "train_loss":
        return trainLoss;
      case "dev_loss":
        return devLoss;
      default:
        return metrics.getOrDefault(name, Double.NaN);
    }
  }

  public double learningRate() {
    return learningRate;
  }

  public double seconds() {
    return seconds;
  }

  /** Asks the trainer to stop after this iteration (checkpoints and reports are still written). */
  public void requestStop() {
    stopRequested = true;
  }

  public boolean stopRequested() {
    return stopRequested;
  }

  /** The same summary with the wall time set to zero, for comparing runs. */
  public EpochSummary withoutTiming() {
    return new EpochSummary(iteration, globalStep, trainLoss, devLoss, metrics, learningRate, 0);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EpochSummary)) {
      return false;
    }
    EpochSummary that = (EpochSummary) o;
    return iteration == that.iteration
        && globalStep == that.globalStep
        && Double.compare(trainLoss, that.trainLoss) == 0
        && Double.compare(devLoss, that.devLoss) == 0
        && metrics.equals(that.metrics)
        && Double.compare(learningRate, that.learningRate) == 0
        && Double.compare(seconds, that.seconds) == 0;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(iteration, globalStep, trainLoss, devLoss, metrics, learningRate);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(java.util.Locale.ROOT, "iteration %d  step %d  train_loss %.4f", iteration, globalStep, trainLoss));
    if (evaluated()) {
      s.append(String.format(java.util.Locale.ROOT, "  dev_loss %.4f", devLoss));
    }
    metrics.forEach((k, v) -> s.append(String.format(java.util.Locale.ROOT, "  %s %.4f", k, v)));
    s.append(String.format(java.util.Locale.ROOT, "  lr %.3g  %.1fs", learningRate, seconds));
    return s.toString();
  }
}
