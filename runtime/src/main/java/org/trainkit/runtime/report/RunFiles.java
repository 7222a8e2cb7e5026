package org.trainkit.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.checkpoint.CheckpointFormat;
import org.trainkit.runtime.checkpoint.CheckpointStore;
import org.trainkit.runtime.config.ConfigException;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfigYaml;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.io.Json;
import org.trainkit.runtime.io.RunDirectory;

/**
 * Reads what a report shows from the files of a run directory, finished or still running.
 *
 * <p>The history is the newest of {@code history.json} (written when a run ends), {@code
 * metrics.jsonl} (one line per evaluation, current while a run goes on) and the history in
 * {@code checkpoints/last/} or {@code checkpoints/previous/}: the one reaching the highest
 * iteration, the more complete file on a tie. {@code summary.json} counts only next to the
 * {@code history.json} it was written with: while a resumed run goes on it is out of date.
 */
final class RunFiles {

  private RunFiles() {}

  /**
   * What is read from a run directory.
   *
   * @param configYaml the text of {@code config.yaml}, or null
   * @param dev metrics of the best checkpoint on the dev set ({@code loss} first), maybe empty
   * @param test metrics of the best checkpoint on the test set, empty until the run ends
   * @param seconds wall time of the whole run, NaN while it goes on
   * @param finished whether {@code summary.json} belongs to this history
   */
  record RunContents(
      Path directory,
      String configYaml,
      History history,
      Map<String, Double> dev,
      Map<String, Double> test,
      double seconds,
      boolean finished) {}

  /** Why {@code directory} is not a run directory, or empty when it is one. */
  static Optional<String> problem(Path directory) {
    if (!Files.isDirectory(directory)) {
      return Optional.of(directory + " is not a directory");
    }
    for (Path candidate : historyFiles(directory)) {
      if (Files.isRegularFile(candidate)) {
        return Optional.empty();
      }
    }
    return Optional.of(
        directory + " is not a run directory: it has no " + RunDirectory.HISTORY + ", "
            + RunDirectory.METRICS_JSONL + " or " + RunDirectory.CHECKPOINTS + "/"
            + CheckpointStore.LAST + "/" + CheckpointFormat.HISTORY);
  }

  private static List<Path> historyFiles(Path directory) {
    RunDirectory run = RunDirectory.at(directory);
    CheckpointStore checkpoints = new CheckpointStore(directory);
    return List.of(
        run.history(),
        checkpoints.directory(CheckpointStore.LAST).resolve(CheckpointFormat.HISTORY),
        checkpoints.directory(CheckpointStore.PREVIOUS).resolve(CheckpointFormat.HISTORY),
        run.metricsJsonl());
  }

  /**
   * Reads a run directory.
   *
   * @throws IOException naming the directory when it is not a run directory, or the file that
   *     cannot be read
   */
  static RunContents read(Path directory) throws IOException {
    Optional<String> problem = problem(directory);
    if (problem.isPresent()) {
      throw new IOException(problem.get());
    }
    String configYaml = null;
    Path configFile = RunDirectory.at(directory).config();
    if (Files.isRegularFile(configFile)) {
      try {
        configYaml = Files.readString(configFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw Json.cannot("read", configFile, e);
      }
    }

    History chosen = null;
    boolean fromRoot = false;
    // In order of completeness, so that a tie keeps the earlier.
    List<Path> files = historyFiles(directory);
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      History history = file.getFileName().toString().equals(RunDirectory.METRICS_JSONL)
          ? readLog(file, configFile)
          : HistoryJson.read(file);
      if (chosen == null || lastIteration(history) > lastIteration(chosen)) {
        chosen = history;
        fromRoot = i == 0;
      }
    }

    Map<String, Double> dev = new LinkedHashMap<>();
    Map<String, Double> test = new LinkedHashMap<>();
    double seconds = Double.NaN;
    boolean finished = fromRoot && Files.isRegularFile(RunDirectory.at(directory).summary());
    if (finished) {
      Path file = RunDirectory.at(directory).summary();
      JsonNode summary = RunSummary.read(directory);
      dev = metrics(summary, "dev", file);
      test = metrics(summary, "test", file);
      JsonNode s = summary.get("seconds");
      seconds = s == null ? Double.NaN : Json.number(summary, "seconds", file, "the summary");
    } else {
      dev = devOfBest(chosen);
    }
    return new RunContents(directory, configYaml, chosen, dev, test, seconds, finished);
  }

  /** The dev loss and metrics of the best iteration, as summary.json would hold them. */
  static Map<String, Double> devOfBest(History history) {
    Map<String, Double> dev = new LinkedHashMap<>();
    EpochSummary best = history.best();
    if (best != null && best.evaluated()) {
      dev.put("loss", best.devLoss());
      dev.putAll(best.metrics());
    }
    return dev;
  }

  private static int lastIteration(History history) {
    List<EpochSummary> its = history.iterations();
    return its.isEmpty() ? -1 : its.get(its.size() - 1).iteration();
  }

  private static Map<String, Double> metrics(JsonNode summary, String field, Path file)
      throws IOException {
    Map<String, Double> values = new LinkedHashMap<>();
    JsonNode node = summary.get(field);
    if (node == null || node.isNull()) {
      return values;
    }
    Json.requireObject(node, file, "\"" + field + "\"");
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      values.put(name, Json.number(node, name, file, field));
    }
    return values;
  }

  /**
   * The history in {@code metrics.jsonl}: evaluated iterations only. The monitor comes from
   * {@code config.yaml}; lines that do not parse (a line torn by a crash, or being written right
   * now) are skipped.
   */
  private static History readLog(Path jsonl, Path configFile) throws IOException {
    String monitor = "dev_loss";
    boolean higherIsBetter = false;
    if (Files.isRegularFile(configFile)) {
      try {
        TrainerConfig config = TrainerConfigYaml.load(configFile);
        monitor = config.monitor();
        higherIsBetter = config.higherIsBetter();
      } catch (ConfigException e) {
        // A config this version cannot read still leaves the curves worth showing.
      }
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Json.cannot("read", jsonl, e);
    }
    List<EpochSummary> iterations = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        JsonNode node = Json.MAPPER.readTree(lines.get(i));
        iterations.add(Json.parseEntry(node, jsonl, "line " + (i + 1)));
      } catch (IOException e) {
        // Not JSON, or not an entry: skipped, as the Javadoc says.
      }
    }
    return new History(monitor, higherIsBetter, iterations);
  }
}
