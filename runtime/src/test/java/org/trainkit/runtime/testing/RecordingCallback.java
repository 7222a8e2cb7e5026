package org.trainkit.runtime.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;

/**
 * Writes down every hook call as one line, {@code "<hook> <globalStep>"} plus what identifies
 * the call (the iteration a summary is for, a batch index), so that a test can compare the
 * whole sequence with the documented one. Also keeps what the hooks were given.
 */
public final class RecordingCallback implements TrainerCallback {

  private final List<String> events = new ArrayList<>();
  private final List<Map<String, Double>> validationMetrics = new ArrayList<>();
  private final List<EpochSummary> summaries = new ArrayList<>();
  private final List<Double> stepLosses = new ArrayList<>();

  public List<String> events() {
    return events;
  }

  /** What each {@code onValidationEnd} received, in order. */
  public List<Map<String, Double>> validationMetrics() {
    return validationMetrics;
  }

  /** What each {@code onIterationEnd} received, in order. */
  public List<EpochSummary> summaries() {
    return summaries;
  }

  /** The loss each {@code onStepEnd} received, in order. */
  public List<Double> stepLosses() {
    return stepLosses;
  }

  private void add(String hook, TrainerState state, String detail) {
    events.add(hook + " " + state.globalStep() + (detail.isEmpty() ? "" : " " + detail));
  }

  @Override
  public void onTrainBegin(TrainerState state) {
    add("trainBegin", state, "");
  }

  @Override
  public void onTrainEnd(TrainerState state, History history) {
    add("trainEnd", state, "");
  }

  @Override
  public void onIterationBegin(TrainerState state) {
    add("iterationBegin", state, "iteration " + state.iteration());
  }

  @Override
  public void onIterationEnd(TrainerState state, EpochSummary summary) {
    summaries.add(summary);
    add("iterationEnd", state, "iteration " + summary.iteration());
  }

  @Override
  public void onStepBegin(TrainerState state) {
    add("stepBegin", state, "");
  }

  @Override
  public void onStepEnd(TrainerState state, double loss) {
    stepLosses.add(loss);
    add("stepEnd", state, "");
  }

  @Override
  public void onLoaderExhausted(TrainerState state) {
    add("loaderExhausted", state, "");
  }

  @Override
  public void onValidationBegin(TrainerState state) {
    add("validationBegin", state, "");
  }

  @Override
  public void onValidationStepBegin(TrainerState state, int batchIndex) {
    add("validationStepBegin", state, "batch " + batchIndex);
  }

  @Override
  public void onValidationStepEnd(TrainerState state, int batchIndex, double loss) {
    add("validationStepEnd", state, "batch " + batchIndex);
  }

  @Override
  public void onValidationEnd(TrainerState state, Map<String, Double> metrics) {
    validationMetrics.add(metrics);
    add("validationEnd", state, "");
  }

  @Override
  public void onTestBegin(TrainerState state) {
    add("testBegin", state, "");
  }

  @Override
  public void onTestStepBegin(TrainerState state, int batchIndex) {
    add("testStepBegin", state, "batch " + batchIndex);
  }

  @Override
  public void onTestStepEnd(TrainerState state, int batchIndex, double loss) {
    add("testStepEnd", state, "batch " + batchIndex);
  }

  @Override
  public void onTestEnd(TrainerState state, Map<String, Double> metrics) {
    add("testEnd", state, "");
  }
}
