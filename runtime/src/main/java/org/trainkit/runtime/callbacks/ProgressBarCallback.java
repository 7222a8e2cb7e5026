package org.trainkit.runtime.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.config.TrainerConfig;

/**
 * A progress bar over the training batches of each iteration, showing the running mean loss:
 *
 * <pre>
 * iteration 3/10  42% │█████████▍            │ 42/100 (0:00:05 / 0:00:07) loss 0.4123
 * </pre>
 *
 * Drawn with {@code me.tongfei:progressbar}. By default it is on only when the JVM has a terminal
 * ({@link #terminalPresent()}), so logs of CI jobs and piped runs get no bar; the constructors
 * taking a flag force it on or off. The bar is closed before the dev set is evaluated and at the
 * end of the iteration, so the lines other callbacks print do not land on top of it.
 */
public final class ProgressBarCallback implements TrainerCallback {

  private final boolean enabled;
  private final PrintStream out;
  private ProgressBar bar;
  private double lossSum;
  private long losses;

  /** On when a terminal is present; draws on {@code System.err}. */
  public ProgressBarCallback() {
    this(terminalPresent());
  }

  /** On or off as told; draws on {@code System.err}. */
  public ProgressBarCallback(boolean enabled) {
    this(enabled, System.err);
  }

  /** On or off as told; draws on {@code out}. */
  public ProgressBarCallback(boolean enabled, PrintStream out) {
    this.enabled = enabled;
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * True when the JVM is attached to an interactive terminal. (On Java 17 to 21 {@code
   * System.console()} is null whenever standard input or output is redirected.)
   */
  public static boolean terminalPresent() {
    return System.console() != null;
  }

  /** Whether this callback draws anything. */
  public boolean enabled() {
    return enabled;
  }

  @Override
  public void onIterationBegin(TrainerState state) {
    if (!enabled) {
      return;
    }
    close();
    lossSum = 0;
    losses = 0;
    bar =
        new ProgressBarBuilder()
            .setTaskName(taskName(state))
            .setInitialMax(batchesHint(state))
            .setConsumer(new ConsoleProgressBarConsumer(out))
            .setUpdateIntervalMillis(200)
            .build();
  }

  @Override
  public void onStepEnd(TrainerState state, double loss) {
    if (bar == null) {
      return;
    }
    lossSum += loss;
    losses++;
    bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", lossSum / losses));
    bar.step();
  }

  @Override
  public void onValidationBegin(TrainerState state) {
    close();
  }

  @Override
  public void onIterationEnd(TrainerState state, EpochSummary summary) {
    close();
  }

  @Override
  public void onTrainEnd(TrainerState state, History history) {
    close();
  }

  private void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  private static String taskName(TrainerState state) {
    int total = state.totalIterations();
    return "iteration " + state.iteration() + (total > 0 ? "/" + total : "");
  }

  /**
   * Batches expected in this iteration: an epoch's worth, or {@code evalFrequency} optimizer steps
   * of {@code gradientAccumulation} batches each. Only a hint for the bar's length (the last
   * iteration of a step-based run may be shorter); -1, an open-ended bar, when unknown.
   */
  private static long batchesHint(TrainerState state) {
    TrainerConfig config = state.config();
    long batches =
        config.trainingType() == TrainerConfig.TrainingType.STEP
            ? (long) config.evalFrequency() * config.gradientAccumulation()
            : state.batchesPerEpoch();
    return batches > 0 ? batches : -1;
  }
}
