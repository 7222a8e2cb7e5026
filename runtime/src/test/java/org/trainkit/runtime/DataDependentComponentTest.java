package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.trainkit.runtime.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

/**
 * A component whose model depends on its training data (here: the number of classes) is
 * fitted before its model is built, and what it fitted travels with every checkpoint.
 */
class DataDependentComponentTest {

  @TempDir Path dir;

  /** Learns its label count from the training data; builds its model only then. */
  static final class FittedClassifier implements TrainableComponent<Point, Point, PointBatch> {
    Integer classes;
    private PointClassifier delegate;

    @Override
    public void fit(Dataset<Point> items) {
      classes = items.stream().mapToInt(Point::label).max().orElseThrow() + 1;
    }

    @Override
    public void saveState(Path directory) throws IOException {
      Files.writeString(directory.resolve("classes.txt"), classes.toString());
    }

    @Override
    public void loadState(Path directory) throws IOException {
      classes = Integer.parseInt(Files.readString(directory.resolve("classes.txt")).trim());
    }

    private PointClassifier delegate() {
      if (delegate == null) {
        delegate = new PointClassifier(16, classes, 0);
      }
      return delegate;
    }

    @Override
    public Block model() {
      assertNotNull(classes, "model() must come after fit() or loadState()");
      return delegate().model();
    }

    @Override
    public Point preprocess(Point item) {
      return item;
    }

    @Override
    public PointBatch collate(List<Point> examples, NDManager manager) {
      return delegate().collate(examples, manager);
    }

    @Override
    public ForwardResult forward(PointBatch batch, ForwardContext context) {
      return delegate().forward(batch, context);
    }

    @Override
    public List<MetricsComputer<PointBatch>> metrics() {
      // no fitted state here: the trainer reads the metrics' names before fit()
      return List.of(MetricsComputer.averaged("accuracy", PointClassifier::accuracy));
    }

    @Override
    public List<Prediction> predictions(PointBatch batch, NDList output) {
      float[] gold = batch.y().toFloatArray();
      long[] predicted = output.singletonOrThrow().argMax(1).toLongArray();
      java.util.ArrayList<Prediction> list = new java.util.ArrayList<>();
      for (int i = 0; i < gold.length; i++) {
        list.add(Prediction.of(String.valueOf((int) gold[i]), String.valueOf(predicted[i])));
      }
      return list;
    }
  }

  @Test
  void fittedStateIsSavedWithCheckpointsAndRestoredBeforeTheModel() throws Exception {
    List<Point> train = Points.generate(300, 5, 5, 4, 1);
    List<Point> dev = Points.generate(100, 5, 5, 4, 2);
    TrainerConfig config = TrainerConfig.builder()
        .iterations(4).learningRate(0.01).device("cpu").progressBar(false).build();
    Path run = dir.resolve("run");
    FittedClassifier first = new FittedClassifier();
    assertNull(first.classes);
    double trained;
    try (Trainer<Point, Point, PointBatch> trainer = new Trainer<>(first, config, List.of())) {
      trainer.train(train, dev, List.of(), run, false);
      trained = trainer.evaluate(dev).get("accuracy");
    }
    assertEquals(5, first.classes);
    assertEquals("5", Files.readString(run.resolve("checkpoints/best/component/classes.txt")));
    assertEquals("5", Files.readString(run.resolve("checkpoints/last/component/classes.txt")));

    // A fresh component, never fitted, loads the best checkpoint and scores the same.
    FittedClassifier restored = new FittedClassifier();
    try (Trainer<Point, Point, PointBatch> trainer = new Trainer<>(restored, config, List.of())) {
      trainer.loadParameters(run.resolve("checkpoints/best"));
      assertEquals(trained, trainer.evaluate(dev).get("accuracy"), 0.0);
    }
    assertEquals(5, restored.classes);

    // The dev outputs were saved, one row per example.
    List<String> rows = Files.readAllLines(run.resolve("outputs/dev-0004.tsv"));
    assertEquals("index\ttarget\tprediction\tloss", rows.get(0));
    assertEquals(dev.size() + 1, rows.size());
    assertTrue(rows.get(1).startsWith("0\t" + dev.get(0).label() + "\t"), rows.get(1));
  }
}
