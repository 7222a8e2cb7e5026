package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.testing.ForwardingComponent;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;

/**
 * {@code saveTrainOutputs: true} writes {@code outputs/train-NNNN.tsv} at every evaluated
 * iteration of a real run, one row per training example (its index, target and the model's
 * prediction); {@code false}, the default, writes none while the dev outputs are still written.
 */
class TrainOutputsTest {

  private static final List<Point> TRAIN = Points.generate(40, 4, 3, 9, 1);
  private static final List<Point> DEV = Points.generate(20, 4, 3, 9, 2);

  @TempDir Path dir;

  @Test
  void trainOutputsHoldOneRowPerTrainingExampleAtEveryIteration() throws Exception {
    Path run = train(true, "with");
    assertEquals(List.of("dev-0001.tsv", "dev-0002.tsv", "train-0001.tsv", "train-0002.tsv"), outputs(run));
    for (String file : List.of("train-0001.tsv", "train-0002.tsv")) {
      List<String> lines = Files.readAllLines(run.resolve("outputs").resolve(file));
      assertEquals("index\ttarget\tprediction\tloss", lines.get(0));
      assertEquals(TRAIN.size() + 1, lines.size(), file);
      for (int i = 0; i < TRAIN.size(); i++) {
        String[] row = lines.get(i + 1).split("\t", -1);
        assertEquals(Integer.toString(i), row[0], file + " row " + (i + 1));
        assertEquals(Integer.toString(TRAIN.get(i).label()), row[1], file + " row " + (i + 1));
        assertTrue(row[2].matches("[0-2]"), file + " row " + (i + 1) + ": " + lines.get(i + 1));
      }
    }
  }

  @Test
  void noTrainOutputsByDefault() throws Exception {
    Path run = train(false, "without");
    assertEquals(List.of("dev-0001.tsv", "dev-0002.tsv"), outputs(run));
  }

  private Path train(boolean saveTrainOutputs, String name) {
    TrainerConfig config = TrainerConfig.builder()
        .trainingType(TrainingType.EPOCH).iterations(2).batchSize(16).learningRate(0.01)
        .saveTrainOutputs(saveTrainOutputs).loaderWorkers(0).device("cpu").progressBar(false).build();
    Path run = dir.resolve(name);
    try (Trainer<Point, Point, PointBatch> trainer =
        new Trainer<>(new Labelled(new PointClassifier(8, 3, 0f)), config, List.of())) {
      trainer.train(TRAIN, DEV, List.of(), run, false);
    }
    return run;
  }

  private static List<String> outputs(Path run) throws Exception {
    try (Stream<Path> files = Files.list(run.resolve("outputs"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The classifier with readable predictions: the true label and the arg-max class. */
  private static final class Labelled extends ForwardingComponent<Point, Point, PointBatch> {
    Labelled(PointClassifier classifier) {
      super(classifier);
    }

    @Override
    public List<Prediction> predictions(PointBatch batch, NDList output) {
      float[] targets = batch.y().toFloatArray();
      long[] predicted = output.singletonOrThrow().argMax(1).toLongArray();
      List<Prediction> predictions = new ArrayList<>();
      for (int i = 0; i < targets.length; i++) {
        predictions.add(Prediction.of(Integer.toString((int) targets[i]), Long.toString(predicted[i])));
      }
      return predictions;
    }
  }
}
