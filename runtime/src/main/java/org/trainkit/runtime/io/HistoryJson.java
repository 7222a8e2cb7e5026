package org.trainkit.runtime.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;

/**
 * {@code history.json}: a {@link History} as JSON, read back exactly (every double to the same
 * value, NaN included).
 *
 * <pre>{@code
 * {
 *   "monitor": "dev_loss",
 *   "higherIsBetter": false,
 *   "bestIteration": 2,            // null when no iteration has a monitored value
 *   "bestValue": 0.3991,           // null likewise
 *   "iterations": [
 *     {"iteration": 1, "globalStep": 40, "trainLoss": 0.52, "devLoss": 0.47,
 *      "metrics": {"accuracy": 0.91}, "learningRate": 0.001, "seconds": 2.1},
 *     ...
 *   ]
 * }
 * }</pre>
 *
 * NaN (a value that is absent, such as the dev loss of an iteration that was not evaluated) is
 * written as {@code null}, the infinities as {@code "Infinity"} and {@code "-Infinity"}. The best
 * iteration and value are written for people reading the file; {@link #read} recomputes them from
 * the iterations.
 */
public final class HistoryJson {

  private HistoryJson() {}

  /** Writes {@code history} to {@code file}, atomically. */
  public static void write(History history, Path file) throws IOException {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("monitor", history.monitor());
    root.put("higherIsBetter", history.higherIsBetter());
    OptionalInt best = history.bestIteration();
    if (best.isPresent()) {
      root.put("bestIteration", best.getAsInt());
    } else {
      root.putNull("bestIteration");
    }
    Json.putNumber(root, "bestValue", history.bestValue());
    ArrayNode iterations = root.putArray("iterations");
    for (EpochSummary summary : history.iterations()) {
      iterations.add(Json.entry(summary));
    }
    AtomicFiles.write(file, Json.pretty(root));
  }

  /**
   * Reads a history written by {@link #write}.
   *
   * @throws IOException naming the file (and the entry or line) when it is missing, unreadable or
   *     not a history
   */
  public static History read(Path file) throws IOException {
    JsonNode root = Json.readObject(file);
    JsonNode monitor = Json.require(root, "monitor", file, "the history");
    if (!monitor.isTextual()) {
      throw Json.problem(file, "\"monitor\" must be a string, not " + monitor);
    }
    JsonNode higherIsBetter = Json.require(root, "higherIsBetter", file, "the history");
    if (!higherIsBetter.isBoolean()) {
      throw Json.problem(file, "\"higherIsBetter\" must be true or false, not " + higherIsBetter);
    }
    JsonNode iterations = Json.require(root, "iterations", file, "the history");
    if (!iterations.isArray()) {
      throw Json.problem(file, "\"iterations\" must be an array, not " + iterations.getNodeType());
    }
    List<EpochSummary> summaries = new ArrayList<>(iterations.size());
    for (int i = 0; i < iterations.size(); i++) {
      summaries.add(Json.parseEntry(iterations.get(i), file, "iterations[" + i + "]"));
    }
    return new History(monitor.textValue(), higherIsBetter.booleanValue(), summaries);
  }
}
