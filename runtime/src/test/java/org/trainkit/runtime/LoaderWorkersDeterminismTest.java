package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.loop.BatchLoader;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;

/**
 * The claim in {@code BatchLoader}: a run is the same with 0 or n loader workers. A shuffled run
 * with dropout trained on the training thread and one trained with 3 workers preparing up to 4
 * batches ahead end with byte-identical checkpoints (last parameters, optimizer and schedule
 * state, best parameters) and the same history.
 */
class LoaderWorkersDeterminismTest {

  private static final List<Point> TRAIN = Points.generate(200, 6, 3, 17, 1);
  private static final List<Point> DEV = Points.generate(60, 6, 3, 17, 2);

  @TempDir Path dir;

  @Test
  void zeroAndThreeWorkersGiveBitwiseIdenticalRuns() throws Exception {
    Path inline = train(0, "zero-workers");
    Path threaded = train(3, "three-workers");
    for (String file : List.of("last/parameters.bin", "last/optimizer.bin", "last/schedule.bin", "best/parameters.bin")) {
      assertArrayEquals(
          Files.readAllBytes(inline.resolve("checkpoints").resolve(file)),
          Files.readAllBytes(threaded.resolve("checkpoints").resolve(file)), file);
    }
    assertEquals(
        HistoryJson.read(inline.resolve("history.json")).withoutTimings(),
        HistoryJson.read(threaded.resolve("history.json")).withoutTimings());
  }

  private Path train(int workers, String name) {
    // batch 16 over 200 examples: a short last batch; inference batches of 16 too, so the dev
    // set goes through the loader's threads as well.
    TrainerConfig config = TrainerConfig.builder()
        .trainingType(TrainingType.EPOCH).iterations(3).batchSize(16).inferenceBatchSize(16)
        .learningRate(0.01).shuffle(true).loaderWorkers(workers).prefetchBatches(4)
        .device("cpu").progressBar(false).build();
    Path run = dir.resolve(name);
    try (Trainer<Point, Point, PointBatch> trainer =
        new Trainer<>(new PointClassifier(16, 3, 0.3f), config, List.of())) {
      trainer.train(TRAIN, DEV, List.of(), run, false);
    }
    return run;
  }
}
