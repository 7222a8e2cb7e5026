package org.trainkit.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.AtomicFiles;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.io.Json;
import org.trainkit.runtime.io.RunDirectory;

/**
 * {@code summary.json}: the outcome of a run in one small file, for scripts that compare runs.
 *
 * <pre>{@code
 * {
 *   "best": {"iteration": 7, "globalStep": 280, ...},   // as in history.json; null if none
 *   "dev": {"loss": 0.39, "accuracy": 0.95},             // may be empty
 *   "test": {"loss": 0.41, "accuracy": 0.94},            // may be empty
 *   "bestIteration": 7,                                  // null if none
 *   "seconds": 93.4
 * }
 * }</pre>
 *
 * Numbers follow {@link HistoryJson}'s rules: NaN as {@code null}, infinities as strings.
 */
public final class RunSummary {

  private RunSummary() {}

  /**
   * Writes {@code runDirectory/summary.json}, atomically.
   *
   * @param history the run's history; its best iteration is the one reported
   * @param dev metrics of the best checkpoint on the dev set, in the order to write them
   * @param test metrics of the best checkpoint on the test set, in the order to write them
   * @param seconds wall time of the whole run
   */
  public static void write(
      Path runDirectory,
      History history,
      Map<String, Double> dev,
      Map<String, Double> test,
      double seconds)
      throws IOException {
    write(runDirectory, history, dev, test, seconds, 0);
  }

  /**
   * Writes {@code runDirectory/summary.json}, atomically, with the number of training batches
   * skipped for a non-finite loss ({@code skippedBatches}).
   */
  public static void write(
      Path runDirectory,
      History history,
      Map<String, Double> dev,
      Map<String, Double> test,
      double seconds,
      long skippedBatches)
      throws IOException {
    ObjectNode root = Json.MAPPER.createObjectNode();
    EpochSummary best = history.best();
    if (best == null) {
      root.putNull("best");
    } else {
      root.set("best", Json.entry(best));
    }
    root.set("dev", Json.metrics(dev));
    root.set("test", Json.metrics(test));
    OptionalInt bestIteration = history.bestIteration();
    if (bestIteration.isPresent()) {
      root.put("bestIteration", bestIteration.getAsInt());
    } else {
      root.putNull("bestIteration");
    }
    Json.putNumber(root, "seconds", seconds);
    root.put("skippedBatches", skippedBatches);
    AtomicFiles.write(RunDirectory.at(runDirectory).summary(), Json.pretty(root));
  }

  /**
   * Reads {@code runDirectory/summary.json} as a JSON tree.
   *
   * @throws IOException naming the file when it is missing, unreadable or not a JSON object
   */
  public static JsonNode read(Path runDirectory) throws IOException {
    return Json.readObject(RunDirectory.at(runDirectory).summary());
  }
}
