package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

/**
 * A run from an indexed file is bitwise the run from the same items in memory, also when it is
 * stopped and resumed; a resume refuses a training file changed since the run started, and names
 * it.
 */
class IndexedDatasetRunTest {

  private static final List<Point> TRAIN = Points.generate(150, 6, 3, 11, 1);
  private static final List<Point> DEV = Points.generate(60, 6, 3, 11, 2);
  private static final DatasetReader<Point> READER = Points.reader();

  @TempDir Path dir;

  private static TrainerConfig config() {
    return TrainerConfig.builder()
        .trainingType(TrainingType.STEP).iterations(24).evalFrequency(4).saveFrequency(4)
        .batchSize(16).learningRate(0.01).warmupSteps(3).gradientClipNorm(5).loaderWorkers(2)
        .device("cpu").progressBar(false).build();
  }

  private static Trainer<Point, Point, PointClassifier.PointBatch> trainer(List<TrainerCallback> callbacks) {
    return new Trainer<>(new PointClassifier(16, 3, 0.2f), config(), callbacks);
  }

  private void assertSameRun(Path a, Path b) throws Exception {
    for (String file : List.of("last/parameters.bin", "last/optimizer.bin", "last/schedule.bin",
        "best/parameters.bin")) {
      assertArrayEquals(Files.readAllBytes(a.resolve("checkpoints").resolve(file)),
          Files.readAllBytes(b.resolve("checkpoints").resolve(file)), file);
    }
    assertEquals(HistoryJson.read(a.resolve("history.json")).withoutTimings(),
        HistoryJson.read(b.resolve("history.json")).withoutTimings());
  }

  @Test
  void indexedRunIsBitwiseTheInMemoryRunAlsoWhenStoppedAndResumed() throws Exception {
    Path trainFile = dir.resolve("train.tsv");
    Path devFile = dir.resolve("dev.tsv");
    Points.write(TRAIN, trainFile);
    Points.write(DEV, devFile);
    Path memory = dir.resolve("memory");
    Path indexed = dir.resolve("indexed");
    Path resumed = dir.resolve("resumed");
    try (Trainer<Point, Point, PointClassifier.PointBatch> t = trainer(List.of())) {
      t.train(TRAIN, DEV, List.of(), memory, false);
    }
    try (Trainer<Point, Point, PointClassifier.PointBatch> t = trainer(List.of());
        Dataset<Point> train = READER.open(trainFile);
        Dataset<Point> dev = READER.open(devFile)) {
      assertTrue(train.source().isPresent(), "read from its file, by index");
      t.train(train, dev, Dataset.empty(), indexed, false);
    }
    assertSameRun(memory, indexed);
    assertTrue(Files.isRegularFile(indexed.resolve("data-files.json")));

    TrainerCallback crashHalfway = new TrainerCallback() {
      @Override
      public void onIterationEnd(TrainerState state, EpochSummary summary) {
        if (state.globalStep() >= 12) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    try (Trainer<Point, Point, PointClassifier.PointBatch> t = trainer(List.of(crashHalfway));
        Dataset<Point> train = READER.open(trainFile);
        Dataset<Point> dev = READER.open(devFile)) {
      assertThrows(IllegalStateException.class, () -> t.train(train, dev, Dataset.empty(), resumed, false));
    }
    try (Trainer<Point, Point, PointClassifier.PointBatch> t = trainer(List.of());
        Dataset<Point> train = READER.open(trainFile);
        Dataset<Point> dev = READER.open(devFile)) {
      t.train(train, dev, Dataset.empty(), resumed, true);
    }
    assertSameRun(memory, resumed);
  }

  @Test
  void aTrainingFileChangedBeforeAResumeIsNamed() throws Exception {
    Path trainFile = dir.resolve("train.tsv");
    Points.write(TRAIN, trainFile);
    Path run = dir.resolve("run");
    TrainerCallback crash = new TrainerCallback() {
      @Override
      public void onIterationEnd(TrainerState state, EpochSummary summary) {
        throw new IllegalStateException("simulated crash");
      }
    };
    try (Trainer<Point, Point, PointClassifier.PointBatch> t = trainer(List.of(crash));
        Dataset<Point> train = READER.open(trainFile)) {
      assertThrows(IllegalStateException.class, () -> t.train(train, Dataset.empty(), Dataset.empty(), run, false));
    }
    // one item changed: same number of items, so only the fingerprint can tell
    List<Point> edited = new java.util.ArrayList<>(TRAIN);
    edited.set(7, TRAIN.get(8));
    Points.write(edited, trainFile);
    try (Trainer<Point, Point, PointClassifier.PointBatch> t = trainer(List.of());
        Dataset<Point> train = READER.open(trainFile)) {
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> t.train(train, Dataset.empty(), Dataset.empty(), run, true));
      assertTrue(e.getMessage().startsWith("the train file " + trainFile + " changed since this run started"),
          e.getMessage());
      assertTrue(e.getMessage().contains("restore the file, or start a new run"), e.getMessage());
    }
  }
}
