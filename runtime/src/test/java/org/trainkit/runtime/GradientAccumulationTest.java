package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.OptimizerType;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

/** k accumulated batches of size b make the same update as one batch of size k·b. */
class GradientAccumulationTest {

  @TempDir Path dir;

  @Test
  void fourBatchesOfEightEqualOneBatchOfThirtyTwo() {
    List<Point> data = Points.generate(32, 5, 3, 3, 1);
    TrainerConfig base = TrainerConfig.builder()
        .iterations(1).shuffle(false).optimizer(OptimizerType.SGD).momentum(0).learningRate(0.1)
        .loaderWorkers(0).device("cpu").progressBar(false).build();

    float[] accumulated = trainOnce(base.toBuilder().batchSize(8).gradientAccumulation(4).build(), data, "a");
    float[] whole = trainOnce(base.toBuilder().batchSize(32).gradientAccumulation(1).build(), data, "b");

    assertEquals(whole.length, accumulated.length);
    for (int i = 0; i < whole.length; i++) {
      assertEquals(whole[i], accumulated[i], 1e-5, "parameter value " + i);
    }
  }

  @Test
  void accumulationDiffersFromSeparateSteps() {
    List<Point> data = Points.generate(32, 5, 3, 3, 1);
    TrainerConfig base = TrainerConfig.builder()
        .iterations(1).shuffle(false).optimizer(OptimizerType.SGD).momentum(0).learningRate(0.5)
        .loaderWorkers(0).device("cpu").progressBar(false).batchSize(8).build();
    float[] accumulated = trainOnce(base.toBuilder().gradientAccumulation(4).build(), data, "c");
    float[] separate = trainOnce(base, data, "d");
    double difference = 0;
    for (int i = 0; i < separate.length; i++) {
      difference += Math.abs(separate[i] - accumulated[i]);
    }
    // the test above would pass trivially if accumulation were ignored; this one would not
    assertEquals(true, difference > 1e-3, "difference " + difference);
  }

  private float[] trainOnce(TrainerConfig config, List<Point> data, String name) {
    try (Trainer<Point, Point, PointClassifier.PointBatch> trainer =
        new Trainer<>(new PointClassifier(8, 3, 0), config, List.of())) {
      trainer.train(data, List.of(), List.of(), dir.resolve(name), false);
      List<Float> values = new ArrayList<>();
      for (Pair<String, Parameter> p : trainer.component().model().getParameters()) {
        NDArray array = p.getValue().getArray();
        for (float v : array.toFloatArray()) {
          values.add(v);
        }
      }
      float[] out = new float[values.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = values.get(i);
      }
      return out;
    }
  }
}
