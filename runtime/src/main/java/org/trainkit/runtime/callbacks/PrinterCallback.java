package org.trainkit.runtime.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;

/**
 * Prints one line per iteration and one when the test set has been evaluated:
 *
 * <pre>
 * iteration 3/10  step 120  train_loss 0.4123  dev_loss 0.3991  accuracy 0.9500  lr 1.00e-03  2.1s
 * test  loss 0.3900  accuracy 0.9500
 * </pre>
 *
 * An iteration that was not evaluated prints no dev loss and no metrics. Numbers are formatted
 * the same whatever the default locale, so logs can be compared and parsed.
 */
public final class PrinterCallback implements TrainerCallback {

  private final PrintStream out;

  /** Prints to {@code System.out}. */
  public PrinterCallback() {
    this(System.out);
  }

  public PrinterCallback(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public void onIterationEnd(TrainerState state, EpochSummary summary) {
    out.println(iterationLine(summary, state.totalIterations()));
    out.flush();
  }

  @Override
  public void onTestEnd(TrainerState state, Map<String, Double> metrics) {
    out.println(testLine(metrics));
    out.flush();
  }

  /**
   * The line printed for an iteration.
   *
   * @param totalIterations shown after a slash; left out when not positive
   */
  public static String iterationLine(EpochSummary s, int totalIterations) {
    StringBuilder line = new StringBuilder("iteration ").append(s.iteration());
    if (totalIterations > 0) {
      line.append('/').append(totalIterations);
    }
    line.append("  step ").append(s.globalStep());
    appendValue(line, "train_loss", s.trainLoss());
    if (s.evaluated()) {
      appendValue(line, "dev_loss", s.devLoss());
      s.metrics().forEach((name, value) -> appendHeadline(line, name, value));
    }
    line.append(String.format(Locale.ROOT, "  lr %.2e  %.1fs", s.learningRate(), s.seconds()));
    return line.toString();
  }

  /** The line printed after the test set is evaluated: its loss first, then the metrics. */
  public static String testLine(Map<String, Double> metrics) {
    StringBuilder line = new StringBuilder("test");
    Double loss = metrics.get("loss");
    if (loss != null) {
      appendValue(line, "loss", loss);
    }
    metrics.forEach(
        (name, value) -> {
          if (!name.equals("loss")) {
            appendHeadline(line, name, value);
          }
        });
    return line.toString();
  }

  /**
   * Per-class and per-type values ({@code f1/DISEASE}, {@code confusion/a/b}) are left to the
   * files and the report: on one line they would drown the headline metrics.
   */
  private static void appendHeadline(StringBuilder line, String name, Double value) {
    if (name.indexOf('/') < 0) {
      appendValue(line, name, value);
    }
  }

  private static void appendValue(StringBuilder line, String name, Double value) {
    line.append("  ").append(name).append(' ');
    line.append(value == null ? "NaN" : String.format(Locale.ROOT, "%.4f", value));
  }
}
