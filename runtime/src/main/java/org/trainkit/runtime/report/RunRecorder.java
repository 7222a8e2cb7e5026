package org.trainkit.runtime.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.TrainingException;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfigYaml;
import org.trainkit.runtime.io.AtomicFiles;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.io.RunDirectory;

/**
 * Writes a run's record into its run directory: {@code config.yaml} when the run starts, {@code
 * metrics.jsonl}/{@code metrics.csv} after every iteration, saved predictions under {@code
 * outputs/}, and {@code history.json} with {@code summary.json} when it ends. The one writer of
 * these files; the views drawn from them ({@code curves/}, {@code report.html}) are {@link
 * ReportCallback}'s, and the checkpoints the checkpoint package's.
 */
public final class RunRecorder {

  private final RunDirectory directory;
  private final MetricsLog metricsLog;

  private RunRecorder(RunDirectory directory, MetricsLog metricsLog) {
    this.directory = directory;
    this.metricsLog = metricsLog;
  }

  /**
   * Starts recording a run of {@code trainable}: creates the directory, saves the configuration
   * and the trainable's name, and rewrites the metrics logs to hold {@code history} (empty for a
   * new run, the checkpoint's for a resumed one) and nothing else.
   */
  public static RunRecorder start(RunDirectory directory, String trainable, TrainerConfig config,
      History history) throws IOException {
    Files.createDirectories(directory.root());
    TrainerConfigYaml.save(config, directory.config());
    AtomicFiles.write(directory.trainable(), (trainable + "\n").getBytes(StandardCharsets.UTF_8));
    return new RunRecorder(directory, new MetricsLog(directory, history));
  }

  public RunDirectory directory() {
    return directory;
  }

  /** Logs an ended iteration (evaluated ones only reach the metrics logs). */
  public void iteration(EpochSummary summary) throws IOException {
    metricsLog.append(summary);
  }

  /** Saves predictions (a TSV table) as {@code outputs/<name>.tsv}. */
  public void outputs(String name, String tsv) {
    try {
      AtomicFiles.write(directory.output(name), tsv.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TrainingException("could not save outputs: " + e.getMessage(), e);
    }
  }

  /**
   * Records the end of a run: its whole history and its outcome.
   *
   * @param dev metrics of the best checkpoint on the dev set, {@code loss} first
   * @param test metrics of the best checkpoint on the test set
   * @param seconds training time of the whole run
   * @param skippedBatches batches skipped for a non-finite loss
   */
  public void finish(History history, Map<String, Double> dev, Map<String, Double> test,
      double seconds, long skippedBatches) throws IOException {
    HistoryJson.write(history, directory.history());
    RunSummary.write(directory.root(), history, dev, test, seconds, skippedBatches);
  }
}
