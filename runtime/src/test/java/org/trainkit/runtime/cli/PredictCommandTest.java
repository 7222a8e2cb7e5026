package org.trainkit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.Prediction;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.testing.ForwardingComponent;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

/**
 * {@code predict} with the default writer: the component's {@code Prediction} rows as TSV, one per
 * input item in input order; a component that renders none is told how to fix it, exit 2, nothing
 * written.
 */
class PredictCommandTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** The point classifier, rendering each point's gold and predicted class. */
  private static final class Rendering extends ForwardingComponent<Point, Point, PointBatch> {
    Rendering() {
      super(new PointClassifier(8, 3, 0));
    }

    @Override
    public List<Prediction> predictions(PointBatch batch, NDList output) {
      long[] best = output.head().argMax(1).toLongArray();
      float[] gold = batch.y().toFloatArray();
      List<Prediction> rows = new ArrayList<>();
      for (int i = 0; i < best.length; i++) {
        rows.add(Prediction.of("class " + (int) gold[i], "class " + best[i]));
      }
      return rows;
    }
  }

  private int run(boolean rendering, String... args) {
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return TrainerCli.run("points", config -> session(config, rendering), args);
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
  }

  private static TrainerSession<Point> session(TrainerConfig config, boolean rendering) {
    TrainableComponent<Point, Point, PointBatch> component =
        rendering ? new Rendering() : new PointClassifier(8, 3, 0);
    Trainer<Point, Point, PointBatch> trainer = new Trainer<>(component, config, List.of());
    return new TrainerSession<>() {
      @Override
      public Trainer<Point, ?, ?> trainer() {
        return trainer;
      }

      @Override
      public DatasetReader<Point> reader() {
        return Points.reader();
      }
    };
  }

  @Test
  void writesThePredictionRowsAsTsvInInputOrder() throws Exception {
    Path train = dir.resolve("train.tsv");
    Path data = dir.resolve("data.tsv");
    List<Point> points = Points.generate(37, 4, 3, 9, 2);
    Points.write(Points.generate(300, 4, 3, 9, 1), train);
    Points.write(points, data);
    Path run = dir.resolve("run");
    assertEquals(0, run(true, "train", "--train", train.toString(), "--out", run.toString(),
        "--iterations", "6", "--learning-rate", "0.05", "--set", "progressBar=false", "--device", "cpu"),
        err.toString());
    Path out = dir.resolve("predicted.tsv");
    assertEquals(0, run(true, "predict", "--run", run.toString(), "--data", data.toString(),
        "--out", out.toString(), "--batch-size", "4"), err.toString());
    List<String> lines = Files.readAllLines(out);
    assertEquals("target\tprediction", lines.get(0));
    assertEquals(points.size() + 1, lines.size());
    long right = 0;
    for (int i = 0; i < points.size(); i++) {
      String[] row = lines.get(i + 1).split("\t");
      assertEquals("class " + points.get(i).label(), row[0], "row " + i + " in input order");
      right += row[0].equals(row[1]) ? 1 : 0;
    }
    assertTrue(right > points.size() / 2, right + " of " + points.size() + " right");
    assertFalse(err.toString().contains("is the file this run trained on"), err.toString());

    // predicting the training file works, with a warning that it is not held-out data
    err.reset();
    Path onTrain = dir.resolve("on-train.tsv");
    assertEquals(0, run(true, "predict", "--run", run.toString(), "--data", train.toString(),
        "--out", onTrain.toString()), err.toString());
    assertTrue(err.toString().contains("is the file this run trained on"), err.toString());
    assertTrue(err.toString().contains("these predictions are not on held-out data"), err.toString());

    // a component without PredictionRenderer: told what to do, nothing written
    Path none = dir.resolve("none.tsv");
    err.reset();
    assertEquals(2, run(false, "predict", "--run", run.toString(), "--data", data.toString(),
        "--out", none.toString()));
    assertTrue(err.toString().contains("implement PredictionRenderer"), err.toString());
    assertFalse(Files.exists(none));
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
  }
}
