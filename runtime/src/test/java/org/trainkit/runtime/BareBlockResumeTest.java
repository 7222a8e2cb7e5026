package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.testing.ForwardingComponent;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

/**
 * A model that is one bare DJL block (not a SequentialBlock) resumes: the checkpoint records the
 * shapes the model was initialized with, not what the block reports of its input afterwards (a
 * bare Linear reports its input flattened, which rebuilt it with the wrong weight shape).
 */
class BareBlockResumeTest {

  private static final List<Point> TRAIN = Points.generate(40, 4, 3, 9, 1);
  private static final List<Point> DEV = Points.generate(20, 4, 3, 9, 2);

  @TempDir Path dir;

  @Test
  void aBareLinearModelResumes() {
    Path run = dir.resolve("run");
    train(2, run, false);
    History resumed = train(3, run, true);
    assertEquals(3, resumed.iterations().size());
  }

  private static History train(int epochs, Path run, boolean resume) {
    TrainerConfig config = TrainerConfig.builder()
        .trainingType(TrainingType.EPOCH).iterations(epochs).batchSize(16).learningRate(0.01)
        .loaderWorkers(0).device("cpu").progressBar(false).build();
    try (Trainer<Point, Point, PointBatch> trainer =
        new Trainer<>(new BareLinear(), config, List.of())) {
      return trainer.train(TRAIN, DEV, List.of(), run, resume);
    }
  }

  /** The point classifier's data, loss and metrics around one bare Linear layer. */
  private static final class BareLinear extends ForwardingComponent<Point, Point, PointBatch> {
    private final Block linear = Linear.builder().setUnits(3).build();

    BareLinear() {
      super(new PointClassifier(8, 3, 0f));
    }

    @Override
    public Block model() {
      return linear;
    }
  }
}
