package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.checkpoint.CheckpointStore;
import org.trainkit.runtime.checkpoint.LoopState;
import org.trainkit.runtime.cli.TrainerCli;
import org.trainkit.runtime.cli.TrainerSession;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

/**
 * Promise 2, damaged checkpoints: a truncated, missing or altered file, or a checkpoint of
 * another model, is refused with a message naming the file and what is wrong with it; a damaged
 * {@code last} makes {@code resume} fall back to {@code previous}, and the run then still ends
 * bitwise where an undamaged run ends.
 */
class CorruptCheckpointTest {

  private static final List<Point> TRAIN = Points.generate(150, 6, 3, 11, 1);
  private static final List<Point> DEV = Points.generate(60, 6, 3, 11, 2);
  private static final TrainerConfig CONFIG = TrainerConfig.builder()
      .iterations(4).batchSize(16).learningRate(0.01).loaderWorkers(1).device("cpu")
      .progressBar(false).build();

  @TempDir static Path shared;
  private static Path straight;
  @TempDir Path dir;
  private Path run;

  /** A straight 4-epoch run, for all tests. */
  @BeforeAll
  static void trainStraight() {
    straight = shared.resolve("straight");
    try (Trainer<Point, Point, PointBatch> t = trainer(CONFIG, List.of())) {
      t.train(TRAIN, DEV, List.of(), straight, false);
    }
  }

  /** The same run stopped like a crash after epoch 3. */
  @BeforeEach
  void trainUntilACrash() {
    run = dir.resolve("run");
    TrainerCallback crashAfterEpochThree = new TrainerCallback() {
      @Override
      public void onIterationEnd(TrainerState state, EpochSummary summary) {
        if (summary.iteration() == 3) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    try (Trainer<Point, Point, PointBatch> t = trainer(CONFIG, List.of(crashAfterEpochThree))) {
      assertThrows(IllegalStateException.class, () -> t.train(TRAIN, DEV, List.of(), run, false));
    }
  }

  private Path last() {
    return run.resolve("checkpoints/last");
  }

  private Path previous() {
    return run.resolve("checkpoints/previous");
  }

  @Test
  void truncatedLastFallsBackToPreviousAndStillEndsBitwiseLikeAStraightRun() throws Exception {
    assertEquals(2, LoopState.read(last().resolve("state.json")).iteration());
    assertEquals(1, LoopState.read(previous().resolve("state.json")).iteration());
    truncate(last().resolve("parameters.bin"));
    IllegalStateException damaged = assertThrowsIo(() -> CheckpointStore.verify(last()));
    assertTrue(damaged.getMessage().contains("parameters.bin") && damaged.getMessage().contains("truncated"),
        damaged.getMessage());

    try (Trainer<Point, Point, PointBatch> t = trainer(CONFIG, List.of())) {
      t.train(TRAIN, DEV, List.of(), run, true);
    }
    assertTrue(Files.isDirectory(run.resolve("checkpoints/last.damaged")), "the damaged one is kept aside");
    for (String file : List.of("last/parameters.bin", "last/optimizer.bin", "best/parameters.bin")) {
      assertArrayEquals(
          Files.readAllBytes(straight.resolve("checkpoints").resolve(file)),
          Files.readAllBytes(run.resolve("checkpoints").resolve(file)), file);
    }
    assertEquals(
        HistoryJson.read(straight.resolve("history.json")).withoutTimings(),
        HistoryJson.read(run.resolve("history.json")).withoutTimings());
  }

  @Test
  void missingLastIsAlsoAFallBack() throws Exception {
    // what a kill between the two renames of a save leaves
    Files.move(last(), run.resolve("checkpoints/gone"));
    try (Trainer<Point, Point, PointBatch> t = trainer(CONFIG, List.of())) {
      t.train(TRAIN, DEV, List.of(), run, true);
    }
    assertArrayEquals(
        Files.readAllBytes(straight.resolve("checkpoints/last/parameters.bin")),
        Files.readAllBytes(last().resolve("parameters.bin")));
  }

  @Test
  void whenLastAndPreviousAreBothDamagedResumeNamesEachFileAndWritesNothing() throws Exception {
    Files.delete(last().resolve("optimizer.bin"));
    flipAByte(previous().resolve("history.json"));
    byte[] metricsBefore = Files.readAllBytes(run.resolve("metrics.jsonl"));
    try (Trainer<Point, Point, PointBatch> t = trainer(CONFIG, List.of())) {
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> t.train(TRAIN, DEV, List.of(), run, true));
      assertTrue(e.getMessage().contains(last().resolve("optimizer.bin") + ": missing from the checkpoint"),
          e.getMessage());
      assertTrue(e.getMessage().contains(previous().resolve("history.json") + ": contents damaged"),
          e.getMessage());
    }
    assertArrayEquals(metricsBefore, Files.readAllBytes(run.resolve("metrics.jsonl")));
    assertTrue(Files.isDirectory(last()), "nothing moved");
  }

  @Test
  void truncatedOrMissingManifestIsNamed() throws Exception {
    truncate(last().resolve("manifest.json"));
    Files.delete(previous().resolve("manifest.json"));
    try (Trainer<Point, Point, PointBatch> t = trainer(CONFIG, List.of())) {
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> t.train(TRAIN, DEV, List.of(), run, true));
      assertTrue(e.getMessage().contains(last().resolve("manifest.json") + ": unreadable"), e.getMessage());
      assertTrue(e.getMessage().contains(previous().resolve("manifest.json") + ": missing"), e.getMessage());
    }
  }

  @Test
  void checkpointOfAModelWithOtherShapesIsRefusedNamingTheFileAndParameter() {
    try (Trainer<Point, Point, PointBatch> t =
        new Trainer<>(new PointClassifier(8, 3, 0.2f), CONFIG, List.of())) {
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> t.train(TRAIN, DEV, List.of(), run, true));
      assertTrue(e.getMessage().contains(last().resolve("parameters.bin").toString()), e.getMessage());
      assertTrue(e.getMessage().contains("has shape") && e.getMessage().contains("another model"),
          e.getMessage());
    }
    try (Trainer<Point, Point, PointBatch> t =
        new Trainer<>(new PointClassifier(16, 5, 0.2f), CONFIG, List.of())) {
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> t.loadParameters(run.resolve("checkpoints/best")));
      assertTrue(e.getMessage().contains("parameters.bin") && e.getMessage().contains("has shape"),
          e.getMessage());
    }
  }

  @Test
  void checkpointOfAModelWithOtherLayersIsRefusedNamingTheFile() {
    // three layers instead of two: the parameter file ends before the model is filled
    TrainableComponent<Point, Point, PointBatch> deeper = new Deeper();
    try (Trainer<Point, Point, PointBatch> t = new Trainer<>(deeper, CONFIG, List.of())) {
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> t.train(TRAIN, DEV, List.of(), run, true));
      assertTrue(e.getMessage().contains(last().resolve("parameters.bin").toString()), e.getMessage());
      assertTrue(e.getMessage().contains("another model"), e.getMessage());
    }
  }

  @Test
  void theCommandLineReportsADamagedCheckpointWithExitCodeTwo() throws Exception {
    Path data = dir.resolve("train.tsv");
    Points.write(TRAIN, data);
    truncate(last().resolve("optimizer.bin"));
    truncate(previous().resolve("optimizer.bin"));
    truncate(run.resolve("checkpoints/best/parameters.bin"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int resume;
    int evaluate;
    try {
      resume = TrainerCli.run("points", CorruptCheckpointTest::session,
          "train", "--train", data.toString(), "--out", run.toString(), "--resume");
      evaluate = TrainerCli.run("points", CorruptCheckpointTest::session,
          "evaluate", "--run", run.toString(), "--data", data.toString());
    } finally {
      System.setErr(oldErr);
    }
    String messages = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, resume, messages);
    assertEquals(2, evaluate, messages);
    assertTrue(messages.contains("error: --resume: no complete checkpoint to resume from: "
        + last().resolve("optimizer.bin")), messages);
    assertTrue(messages.contains("error: " + run.resolve("checkpoints/best/parameters.bin")), messages);
    assertTrue(!messages.contains("\tat "), "no stack trace: " + messages);
  }

  private static TrainerSession<Point> session(TrainerConfig config) {
    Trainer<Point, Point, PointBatch> trainer = trainer(config, List.of());
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

  private static Trainer<Point, Point, PointBatch> trainer(
      TrainerConfig config, List<TrainerCallback> callbacks) {
    return new Trainer<>(new PointClassifier(16, 3, 0.2f), config, callbacks);
  }

  private static void truncate(Path file) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
  }

  private static void flipAByte(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
  }

  private interface IoAction {
    void run() throws Exception;
  }

  private static IllegalStateException assertThrowsIo(IoAction action) {
    try {
      action.run();
    } catch (Exception e) {
      return new IllegalStateException(e.getMessage(), e);
    }
    throw new AssertionError("expected an error");
  }

  /** The classifier with one more hidden layer. */
  private static final class Deeper implements TrainableComponent<Point, Point, PointBatch> {
    private final PointClassifier shape = new PointClassifier(16, 3, 0);
    private final Block model = new ai.djl.nn.SequentialBlock()
        .add(ai.djl.nn.core.Linear.builder().setUnits(16).build())
        .add(ai.djl.nn.Activation::relu)
        .add(ai.djl.nn.core.Linear.builder().setUnits(16).build())
        .add(ai.djl.nn.Activation::relu)
        .add(ai.djl.nn.core.Linear.builder().setUnits(3).build());

    @Override
    public Block model() {
      return model;
    }

    @Override
    public Point preprocess(Point item) {
      return item;
    }

    @Override
    public PointBatch collate(List<Point> examples, NDManager manager) {
      return shape.collate(examples, manager);
    }

    @Override
    public ForwardResult forward(PointBatch batch, ForwardContext context) {
      return ForwardResult.of(context.forward(new ai.djl.ndarray.NDList(batch.x())),
          batch.x().sum());
    }
  }
}
