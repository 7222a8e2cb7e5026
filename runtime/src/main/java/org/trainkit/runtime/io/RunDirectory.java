package org.trainkit.runtime.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of a run directory, by name: the one place that knows them. The loop, the command
 * line and the reports ask it for paths instead of spelling names themselves.
 *
 * <pre>
 * run/
 *   config.yaml            the configuration the run trained with
 *   history.json           every iteration (written when the run ends)
 *   metrics.jsonl, .csv    one line per evaluated iteration (current while it runs)
 *   summary.json           the outcome: best iteration, dev and test metrics, time
 *   outputs/NAME.tsv       saved predictions (dev-0003, test-best, ...)
 *   curves/*.png           learning curves
 *   report.html            the report
 *   tensorboard/           TensorBoard events files (with the tensorboard switch)
 *   data-files.json        size, time and SHA-256 of the train/dev/test files read from disk
 *   provenance.json        what made the run: one entry at its start and one per resume
 *   train.lock             held by the train process writing here (the pid inside)
 *   checkpoints/           last, previous, best (see the checkpoint package)
 * </pre>
 */
public final class RunDirectory {

  public static final String CONFIG = "config.yaml";
  /** One line: what was trained ({@link org.trainkit.runtime.TrainableComponent#name()}). */
  public static final String TRAINABLE = "trainable.txt";
  public static final String HISTORY = "history.json";
  public static final String METRICS_JSONL = "metrics.jsonl";
  public static final String METRICS_CSV = "metrics.csv";
  public static final String SUMMARY = "summary.json";
  public static final String OUTPUTS = "outputs";
  public static final String OUTPUT_SUFFIX = ".tsv";
  public static final String CURVES = "curves";
  public static final String REPORT = "report.html";
  public static final String CHECKPOINTS = "checkpoints";
  public static final String TENSORBOARD = "tensorboard";
  public static final String DATA_FILES = "data-files.json";
  public static final String PROVENANCE = "provenance.json";
  public static final String LOCK = "train.lock";

  private final Path root;

  private RunDirectory(Path root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  /** The run directory at {@code root} (which need not exist yet). */
  public static RunDirectory at(Path root) {
    return new RunDirectory(root);
  }

  public Path root() {
    return root;
  }

  public Path config() {
    return root.resolve(CONFIG);
  }

  public Path history() {
    return root.resolve(HISTORY);
  }

  /** The name of what was trained, for reports. */
  public Path trainable() {
    return root.resolve(TRAINABLE);
  }

  public Path metricsJsonl() {
    return root.resolve(METRICS_JSONL);
  }

  public Path metricsCsv() {
    return root.resolve(METRICS_CSV);
  }

  public Path summary() {
    return root.resolve(SUMMARY);
  }

  /** The directory of saved predictions. */
  public Path outputs() {
    return root.resolve(OUTPUTS);
  }

  /** The saved predictions called {@code name}, e.g. {@code dev-0003} or {@code test-best}. */
  public Path output(String name) {
    return outputs().resolve(name + OUTPUT_SUFFIX);
  }

  public Path curves() {
    return root.resolve(CURVES);
  }

  public Path report() {
    return root.resolve(REPORT);
  }

  /** The directory of TensorBoard events files. */
  public Path tensorboard() {
    return root.resolve(TENSORBOARD);
  }

  /** The size, time and SHA-256 of every data file the run reads, so a resume notices a changed file. */
  public Path dataFiles() {
    return root.resolve(DATA_FILES);
  }

  /** What made the run: command line, versions, machine, data files (see the provenance package). */
  public Path provenance() {
    return root.resolve(PROVENANCE);
  }

  /** The file a {@code train} process locks while it writes this run. */
  public Path lock() {
    return root.resolve(LOCK);
  }

  public Path checkpoints() {
    return root.resolve(CHECKPOINTS);
  }

  /** True when a run has written here: a configuration or checkpoints. */
  public boolean holdsRun() {
    return Files.exists(checkpoints()) || Files.exists(config());
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
