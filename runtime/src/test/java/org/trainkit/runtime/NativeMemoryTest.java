package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

/** Over thousands of steps the number of live NDArrays does not grow. */
class NativeMemoryTest {

  @TempDir Path dir;

  @Test
  void liveArrayCountStaysConstantOver5000Steps() {
    List<Long> counts = new ArrayList<>();
    TrainerCallback counter = new TrainerCallback() {
      @Override
      public void onStepEnd(TrainerState state, double loss) {
        if (state.globalStep() == 100 || state.globalStep() == 2500 || state.globalStep() == 5000) {
          counts.add(liveArrays());
        }
      }
    };
    TrainerConfig config = TrainerConfig.builder()
        .trainingType(TrainingType.STEP).iterations(5000).evalFrequency(1000).saveFrequency(2500)
        .batchSize(8).loaderWorkers(0).gradientClipNorm(1).device("cpu").progressBar(false).build();
    try (Trainer<Point, Point, PointClassifier.PointBatch> trainer =
        new Trainer<>(new PointClassifier(16, 3, 0.1f), config, List.of(counter))) {
      trainer.train(Points.generate(256, 6, 3, 5, 1), Points.generate(64, 6, 3, 5, 2), List.of(),
          dir.resolve("run"), false);
    }
    assertEquals(3, counts.size());
    assertTrue(counts.get(0) > 0, "counting must see the parameters: " + counts);
    assertEquals(counts.get(0), counts.get(1), "live arrays at steps 100, 2500, 5000: " + counts);
    assertEquals(counts.get(0), counts.get(2), "live arrays at steps 100, 2500, 5000: " + counts);
  }

  /** Every NDArray alive in the process, counted from the root of the manager tree. */
  private static long liveArrays() {
    try (NDManager probe = NDManager.newBaseManager()) {
      NDManager root = probe;
      while (root.getParentManager() != null && root.getParentManager() != root) {
        root = root.getParentManager();
      }
      return root.getManagedArrays().size();
    }
  }
}
