package org.trainkit.runtime.checkpoint;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the loop stands, as saved in a checkpoint's {@code state.json}: everything besides
 * parameters, optimizer and schedule that a resumed run needs to continue exactly.
 *
 * @param globalStep optimizer steps taken
 * @param batchesSeen training batches consumed over the run (seeds each batch's randomness)
 * @param epoch the 0-based epoch in progress
 * @param batchInEpoch batches of that epoch already consumed
 * @param iteration iterations completed
 * @param intervalLossSum sum of batch losses since the last iteration ended
 * @param intervalBatches number of batches in that sum
 * @param earlyStoppingBest best monitored value seen by early stopping (NaN: none yet)
 * @param earlyStoppingBad evaluations in a row without improvement
 * @param bestValue monitored value of the best checkpoint (NaN: none yet)
 * @param seconds training time spent before this checkpoint
 * @param skippedBatches batches skipped for a non-finite loss ({@code nonFiniteLoss: skip})
 * @param inputShapes the shapes the model was initialized with
 */
public record LoopState(
    long globalStep,
    long batchesSeen,
    int epoch,
    int batchInEpoch,
    int iteration,
    double intervalLossSum,
    long intervalBatches,
    double earlyStoppingBest,
    int earlyStoppingBad,
    double bestValue,
    double seconds,
    long skippedBatches,
    List<Shape> inputShapes) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FORMAT = 1;

  public static LoopState start() {
    return new LoopState(0, 0, 0, 0, 0, 0, 0, Double.NaN, 0, Double.NaN, 0, 0, List.of());
  }

  /** After one optimizer step over {@code batches} batches with these summed losses. */
  public LoopState afterStep(int batches, int skipped, double lossSum, List<Shape> shapes) {
    return new LoopState(
        globalStep + 1, batchesSeen + batches + skipped, epoch, batchInEpoch + batches + skipped,
        iteration, intervalLossSum + lossSum, intervalBatches + batches, earlyStoppingBest,
        earlyStoppingBad, bestValue, seconds, skippedBatches + skipped, shapes);
  }

  /** At the start of the next epoch. */
  public LoopState nextEpoch() {
    return new LoopState(
        globalStep, batchesSeen, epoch + 1, 0, iteration, intervalLossSum, intervalBatches,
        earlyStoppingBest, earlyStoppingBad, bestValue, seconds, skippedBatches, inputShapes);
  }

  /** After an iteration ends: the interval's loss restarts, early stopping and best move on. */
  public LoopState afterIteration(double stoppingBest, int stoppingBad, double best) {
    return new LoopState(
        globalStep, batchesSeen, epoch, batchInEpoch, iteration + 1, 0, 0, stoppingBest,
        stoppingBad, best, seconds, skippedBatches, inputShapes);
  }

  /** With the training time spent so far. */
  public LoopState withSeconds(double total) {
    return new LoopState(
        globalStep, batchesSeen, epoch, batchInEpoch, iteration, intervalLossSum, intervalBatches,
        earlyStoppingBest, earlyStoppingBad, bestValue, total, skippedBatches, inputShapes);
  }

  public void write(Path file) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("format", FORMAT);
    node.put("globalStep", globalStep);
    node.put("batchesSeen", batchesSeen);
    node.put("epoch", epoch);
    node.put("batchInEpoch", batchInEpoch);
    node.put("iteration", iteration);
    node.put("intervalLossSum", intervalLossSum);
    node.put("intervalBatches", intervalBatches);
    putNumber(node, "earlyStoppingBest", earlyStoppingBest);
    node.put("earlyStoppingBad", earlyStoppingBad);
    putNumber(node, "bestValue", bestValue);
    node.put("seconds", seconds);
    node.put("skippedBatches", skippedBatches);
    ArrayNode shapes = node.putArray("inputShapes");
    for (Shape shape : inputShapes) {
      ArrayNode dims = shapes.addArray();
      for (long d : shape.getShape()) {
        dims.add(d);
      }
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), node);
  }

  public static LoopState read(Path file) throws IOException {
    JsonNode node;
    try {
      node = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": unreadable loop state: " + e.getMessage(), e);
    }
    if (node.path("format").asInt() != FORMAT) {
      throw new IOException(file + ": unknown loop-state format " + node.path("format"));
    }
    List<Shape> shapes = new ArrayList<>();
    for (JsonNode dims : node.path("inputShapes")) {
      long[] d = new long[dims.size()];
      for (int i = 0; i < d.length; i++) {
        d[i] = dims.get(i).asLong();
      }
      shapes.add(new Shape(d));
    }
    return new LoopState(
        node.path("globalStep").asLong(),
        node.path("batchesSeen").asLong(),
        node.path("epoch").asInt(),
        node.path("batchInEpoch").asInt(),
        node.path("iteration").asInt(),
        node.path("intervalLossSum").asDouble(),
        node.path("intervalBatches").asLong(),
        number(node, "earlyStoppingBest"),
        node.path("earlyStoppingBad").asInt(),
        number(node, "bestValue"),
        node.path("seconds").asDouble(),
        node.path("skippedBatches").asLong(),
        List.copyOf(shapes));
  }

  private static void putNumber(ObjectNode node, String key, double value) {
    if (Double.isNaN(value)) {
      node.putNull(key);
    } else {
      node.put(key, value);
    }
  }

  private static double number(JsonNode node, String key) {
    JsonNode v = node.path(key);
    return v.isNumber() ? v.asDouble() : Double.NaN;
  }
}
