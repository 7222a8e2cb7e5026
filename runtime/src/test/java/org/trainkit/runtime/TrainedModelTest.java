package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.checkpoint.TrainedRun;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.testing.ForwardingComponent;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

/**
 * Using a trained model: the trainer hands it to a component that takes it and leaves it open on
 * close; a restored run predicts the same numbers; predictions come in input order whatever the
 * length sorting; a forward without a loss is an error in training only.
 */
class TrainedModelTest {

  private static final List<Point> TRAIN = Points.generate(160, 6, 3, 11, 1);
  private static final List<Point> DEV = Points.generate(40, 6, 3, 11, 2);

  @TempDir Path dir;

  private static TrainerConfig config() {
    return TrainerConfig.builder().iterations(2).batchSize(16).learningRate(0.01).device("cpu")
        .progressBar(false).build();
  }

  /** A component that takes its trained model, and records the forward modes it saw. */
  private static final class Taking extends ForwardingComponent<Point, Point, PointBatch> {
    TrainedModel<Point, PointBatch> model;
    final Set<ForwardMode> modes = ConcurrentHashMap.newKeySet();

    Taking() {
      super(new PointClassifier(8, 3, 0.2f));
    }

    @Override
    public ForwardResult forward(PointBatch batch, ForwardContext context) {
      modes.add(context.mode());
      return super.forward(batch, context);
    }

    @Override
    public boolean useTrainedModel(TrainedModel<Point, PointBatch> model) {
      this.model = model;
      return true;
    }
  }

  /** Each point's scores, read back as floats. */
  static final BatchDecoder<Point, PointBatch, float[]> SCORES = (items, batch, output) -> {
    float[] all = output.head().toFloatArray();
    int classes = all.length / items.size();
    List<float[]> rows = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      float[] row = new float[classes];
      System.arraycopy(all, i * classes, row, 0, classes);
      rows.add(row);
    }
    return rows;
  };

  @Test
  void theTrainedModelOutlivesItsTrainerAndPredictsWhatTheRestoredRunPredicts() throws Exception {
    Path run = dir.resolve("run");
    Taking trained = new Taking();
    try (Trainer<Point, Point, PointBatch> trainer = new Trainer<>(trained, config(), List.of())) {
      trainer.train(TRAIN, DEV, List.of(), run, false);
    }
    assertNotNull(trained.model, "the trainer handed its model over");
    try (TrainedModel<Point, PointBatch> model = trained.model) {
      List<float[]> inProcess = model.predict(DEV, SCORES);
      assertTrue(trained.modes.contains(ForwardMode.PREDICT));
      Taking restored = new Taking();
      try (TrainedModel<Point, PointBatch> loaded = TrainedRun.restore(restored, run, Device.cpu())) {
        assertEquals(loaded, restored.model, "restore hands the model to the component too");
        List<float[]> again = loaded.predict(DEV, SCORES);
        for (int i = 0; i < DEV.size(); i++) {
          assertArrayEquals(inProcess.get(i), again.get(i), "point " + i);
        }
      }
    }
  }

  @Test
  void predictionsComeInInputOrderWhateverTheLengthSorting() throws Exception {
    Path run = dir.resolve("run");
    Taking trained = new Taking();
    try (Trainer<Point, Point, PointBatch> trainer = new Trainer<>(trained, config(), List.of())) {
      trainer.train(TRAIN, List.of(), List.of(), run, false);
    }
    try (TrainedModel<Point, PointBatch> model = trained.model) {
      List<float[]> plain = model.predict(DEV, SCORES);
      // windows of 7, batches of 3, sorted by a "length" that scrambles the order, 2 loader threads
      List<float[]> sorted = new ArrayList<>();
      List<Point> identities = new ArrayList<>();
      model.predict(DEV.iterator(), new InferenceOptions(3, 7, 2), p -> (int) (p.x()[0] * 1000),
          (items, batch, output) -> {
            List<float[]> scores = SCORES.decode(items, batch, output);
            List<Object[]> both = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
              both.add(new Object[] {items.get(i), scores.get(i)});
            }
            return both;
          },
          pair -> {
            identities.add((Point) pair[0]);
            sorted.add((float[]) pair[1]);
          });
      assertEquals(DEV, identities);
      for (int i = 0; i < DEV.size(); i++) {
        assertArrayEquals(plain.get(i), sorted.get(i), 1e-6f, "point " + i);
      }
    }
  }

  @Test
  void aForwardWithoutALossFailsInTrainingNamingTheFix() {
    ForwardingComponent<Point, Point, PointBatch> lossless =
        new ForwardingComponent<>(new PointClassifier(8, 3, 0f)) {
          @Override
          public ForwardResult forward(PointBatch batch, ForwardContext context) {
            NDList output = context.forward(new NDList(batch.x()));
            return ForwardResult.prediction(output);
          }
        };
    try (Trainer<Point, Point, PointBatch> trainer = new Trainer<>(lossless, config(), List.of())) {
      TrainingException e = assertThrows(TrainingException.class,
          () -> trainer.train(TRAIN, List.of(), List.of(), dir.resolve("run"), false));
      assertTrue(e.getMessage().contains("without a loss")
          && e.getMessage().contains("unless context.mode() is PREDICT"), e.getMessage());
    }
  }

  @Test
  void restoringADirectoryWithoutACheckpointNamesIt() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    IOException e = assertThrows(IOException.class,
        () -> TrainedRun.restore(new Taking(), empty, Device.cpu()));
    assertTrue(e.getMessage().contains(empty + " holds no checkpoint"), e.getMessage());
  }

  @Test
  void aClosedModelSaysSo() throws Exception {
    Taking trained = new Taking();
    try (Trainer<Point, Point, PointBatch> trainer = new Trainer<>(trained, config(), List.of())) {
      trainer.train(TRAIN, List.of(), List.of(), dir.resolve("run"), false);
    }
    trained.model.close();
    trained.model.close(); // twice is harmless
    assertThrows(IllegalStateException.class, () -> trained.model.predict(DEV, SCORES));
  }
}
