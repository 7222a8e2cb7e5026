package org.trainkit.runtime.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.AtomicFiles;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.io.Json;

/**
 * {@code metrics.jsonl} and {@code metrics.csv} in a run directory: one line, and one row, per
 * evaluated iteration (iterations whose dev set was not evaluated are skipped).
 *
 * <p>Each {@code metrics.jsonl} line is the iteration's entry as in {@code history.json}. {@code
 * metrics.csv} has the columns {@code
 * iteration,globalStep,trainLoss,devLoss,learningRate,seconds} and then the metric names in the
 * order they were first seen; when an iteration brings a new metric, the whole file is rewritten
 * with the wider header (earlier rows get empty cells there). Empty cells also stand for NaN;
 * other numbers are written so that they parse back to the same double.
 *
 * <p>Both files always hold exactly the history the log was created with plus what was appended
 * since: on construction they are rewritten, which is what makes a resumed run correct (rows
 * logged after the checkpoint it resumes from disappear). Rows are then appended, not rewritten,
 * so logging stays cheap in long runs; a crash can at worst leave a torn last line, which the
 * rewrite on resume repairs. Not thread-safe: call from the training thread.
 */
public final class MetricsLog {

  private static final List<String> FIXED_COLUMNS =
      List.of("iteration", "globalStep", "trainLoss", "devLoss", "learningRate", "seconds");

  private final Path jsonl;
  private final Path csv;
  private final List<EpochSummary> rows = new ArrayList<>();
  private final Set<String> metricNames = new LinkedHashSet<>();

  /** A log for a new run: both files are (re)written empty, the CSV with its fixed header. */
  public MetricsLog(Path runDirectory) throws IOException {
    this(RunDirectory.at(runDirectory), List.of());
  }

  /**
   * A log continuing {@code history}, e.g. the history restored from a checkpoint: both files are
   * rewritten to hold its evaluated iterations and nothing else.
   */
  public MetricsLog(Path runDirectory, History history) throws IOException {
    this(RunDirectory.at(runDirectory), history.iterations());
  }

  /** A log continuing {@code history} in {@code runDirectory}. */
  public MetricsLog(RunDirectory runDirectory, History history) throws IOException {
    this(runDirectory, history.iterations());
  }

  private MetricsLog(RunDirectory runDirectory, List<EpochSummary> iterations) throws IOException {
    this.jsonl = runDirectory.metricsJsonl();
    this.csv = runDirectory.metricsCsv();
    for (EpochSummary summary : iterations) {
      if (summary.evaluated()) {
        rows.add(summary);
        metricNames.addAll(summary.metrics().keySet());
      }
    }
    StringBuilder lines = new StringBuilder();
    for (EpochSummary row : rows) {
      lines.append(jsonLine(row));
    }
    AtomicFiles.write(jsonl, utf8(lines));
    AtomicFiles.write(csv, utf8(csvText()));
  }

  /**
   * Logs one iteration, if it was evaluated.
   *
   * @return whether a line and a row were written
   */
  public boolean append(EpochSummary summary) throws IOException {
    if (!summary.evaluated()) {
      return false;
    }
    rows.add(summary);
    boolean widened = metricNames.addAll(summary.metrics().keySet());
    appendText(jsonl, jsonLine(summary));
    if (widened) {
      AtomicFiles.write(csv, utf8(csvText()));
    } else {
      appendText(csv, csvRow(summary));
    }
    return true;
  }

  public Path jsonlFile() {
    return jsonl;
  }

  public Path csvFile() {
    return csv;
  }

  private static String jsonLine(EpochSummary summary) throws IOException {
    return Json.compact(Json.entry(summary)) + "\n";
  }

  private CharSequence csvText() {
    StringBuilder text = new StringBuilder();
    List<String> header = new ArrayList<>(FIXED_COLUMNS);
    header.addAll(metricNames);
    for (int i = 0; i < header.size(); i++) {
      text.append(i == 0 ? "" : ",").append(csvCell(header.get(i)));
    }
    text.append('\n');
    rows.forEach(row -> text.append(csvRow(row)));
    return text;
  }

  private String csvRow(EpochSummary s) {
    StringBuilder row = new StringBuilder();
    row.append(s.iteration()).append(',').append(s.globalStep());
    for (double value : new double[] {s.trainLoss(), s.devLoss(), s.learningRate(), s.seconds()}) {
      row.append(',').append(csvNumber(value));
    }
    for (String name : metricNames) {
      Double value = s.metrics().get(name);
      row.append(',').append(value == null ? "" : csvNumber(value));
    }
    return row.append('\n').toString();
  }

  /** Empty for NaN (what pandas and spreadsheets read as missing), else a round-trip decimal. */
  private static String csvNumber(double value) {
    return Double.isNaN(value) ? "" : Double.toString(value);
  }

  /** RFC 4180 quoting, needed only by metric names holding a comma, quote or line break. */
  private static String csvCell(String text) {
    if (text.indexOf(',') < 0
        && text.indexOf('"') < 0
        && text.indexOf('\n') < 0
        && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  private static void appendText(Path file, CharSequence text) throws IOException {
    try {
      Files.write(file, utf8(text), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw Json.cannot("append to", file, e);
    }
  }

  private static byte[] utf8(CharSequence text) {
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
