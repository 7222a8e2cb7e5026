package org.trainkit.runtime.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.checkpoint.CheckpointFormat;
import org.trainkit.runtime.checkpoint.CheckpointStore;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.report.RunFiles.RunContents;

/**
 * Keeps a run's learning curves ({@code curves/*.png}, see {@link Curves}) and its {@code
 * report.html} (see {@link RunReport}) current: both are redrawn at the end of every iteration,
 * so a running job can be watched, and once more when the run ends, with the test metrics. Each
 * file is replaced atomically; a reader sees the old version or the new one.
 *
 * <h2>Metric names the report understands</h2>
 *
 * Metrics are flat {@code name → value} maps; a {@code /} in a name gives it structure:
 *
 * <ul>
 *   <li><b>{@code <metric>/<class>}</b> (split at the first {@code /}), e.g. {@code f1/DISEASE},
 *       {@code precision/DISEASE}, {@code support/DISEASE}: one class's (or entity type's) value.
 *       The report shows them as one table, a row per class and a column per metric, and draws
 *       {@code curves/<metric>_per_class.png} with a line per class.
 *   <li><b>{@code confusion/<gold>/<predicted>}</b>, e.g. {@code confusion/POS/NEG}: the number
 *       of examples of class {@code gold} predicted as {@code predicted}, one cell of the
 *       confusion matrix the report shows. Labels must not contain {@code /}. These get no curve
 *       and no row in metric tables.
 *   <li>any other name (no {@code /}), e.g. {@code accuracy}, {@code f1}: an overall metric,
 *       with its own curve {@code curves/<name>.png} and a row in the dev/test table.
 * </ul>
 *
 * The per-class table and the confusion matrix come from the test metrics when the run has a
 * test set, else from the dev metrics of the best iteration.
 *
 * <h2>Saved predictions</h2>
 *
 * When the run directory holds {@code outputs/<split>-<iteration>.tsv} files (columns {@code
 * index, target, prediction, loss}), the report shows up to {@value RunReport#PREDICTION_ROWS}
 * rows of one of them: {@code test-best.tsv} if present, else dev at the best iteration, else the
 * latest. Rows whose target differs from the prediction are errors: shown first (highest loss
 * first), highlighted, with the differing tokens marked.
 *
 * <p>A report that cannot be written does not stop training: the callback prints one warning
 * per run and tries again at the next iteration. {@code RunReport.write(runDirectory)} rebuilds
 * the report from the files afterwards.
 */
public final class ReportCallback implements TrainerCallback {

  private final PrintStream warnings;
  private History history;
  private Map<String, Double> test = Map.of();
  private boolean warned;

  /** Warns on {@code System.err}. */
  public ReportCallback() {
    this(System.err);
  }

  /** Warns about reports that cannot be written on {@code warnings}. */
  public ReportCallback(PrintStream warnings) {
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  @Override
  public void onTrainBegin(TrainerState state) {
    history = restoredHistory(state);
    test = Map.of();
    warned = false;
  }

  @Override
  public void onIterationEnd(TrainerState state, EpochSummary summary) {
    if (history == null) {
      history = restoredHistory(state);
    }
    history = history.plus(summary);
    write(state.runDirectory(), new RunContents(
        state.runDirectory(), config(state.runDirectory()), history,
        RunFiles.devOfBest(history), Map.of(), Double.NaN, false),
        "running \u00b7 iteration " + summary.iteration() + " of " + state.totalIterations());
  }

  @Override
  public void onTestEnd(TrainerState state, Map<String, Double> metrics) {
    test = new LinkedHashMap<>(metrics);
  }

  @Override
  public void onTrainEnd(TrainerState state, History finalHistory) {
    history = finalHistory;
    Path dir = state.runDirectory();
    RunContents run;
    try {
      // summary.json was written just before this hook: it has the dev and test metrics of the
      // best checkpoint and the run time, as later readers of the directory will see them.
      run = RunFiles.read(dir);
      if (!run.finished()) {
        run = fromMemory(dir);
      }
    } catch (IOException e) {
      run = fromMemory(dir);
    }
    write(dir, run, RunReport.finishedStatus(run.seconds()));
  }

  private RunContents fromMemory(Path dir) {
    return new RunContents(
        dir, config(dir), history, RunFiles.devOfBest(history), test, Double.NaN, true);
  }

  /**
   * A resumed run's earlier iterations, from the checkpoint it resumes; none for a new run (it
   * has no checkpoint yet).
   */
  private static History restoredHistory(TrainerState state) {
    History empty =
        new History(state.config().monitor(), state.config().higherIsBetter(), List.of());
    CheckpointStore checkpoints = new CheckpointStore(state.runDirectory());
    if (!checkpoints.exists()) {
      return empty;
    }
    try {
      Path file = checkpoints.resumable().resolve(CheckpointFormat.HISTORY);
      return Files.isRegularFile(file) ? HistoryJson.read(file) : empty;
    } catch (IOException e) {
      return empty;
    }
  }

  private static String config(Path dir) {
    try {
      Path file = RunDirectory.at(dir).config();
      return Files.isRegularFile(file) ? Files.readString(file) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private void write(Path dir, RunContents run, String status) {
    try {
      RunReport.write(run, status);
    } catch (IOException | RuntimeException e) {
      // The report is a view of files that are already saved; losing it must not cost a run.
      if (!warned) {
        warned = true;
        warnings.println("warning: cannot write the report in " + dir + ": " + e.getMessage()
            + " (training goes on; this warning is shown once)");
      }
    }
  }
}
