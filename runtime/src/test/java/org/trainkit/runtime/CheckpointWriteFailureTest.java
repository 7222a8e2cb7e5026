package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.checkpoint.CheckpointStore;
import org.trainkit.runtime.checkpoint.LoopState;
import org.trainkit.runtime.cli.TrainerCli;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.testing.ChildJvm;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.testing.PointsTrainerMain;
import org.trainkit.runtime.train.Trainer;

/**
 * Promise 6, write failures: an I/O error while a checkpoint is written leaves the checkpoint
 * before it intact (and no half-written directory behind), and training stops with a message
 * naming the checkpoint, the step, the error and what is still there to resume from.
 */
class CheckpointWriteFailureTest {

  private static final List<Point> TRAIN = Points.generate(160, 6, 3, 11, 1);
  private static final List<Point> DEV = Points.generate(40, 6, 3, 11, 2);

  @TempDir Path dir;

  /**
   * A real failing write, from the operating system: the child JVM runs under a file-size limit
   * ({@code ulimit -f}) and each checkpoint's component state is larger than the one before, so a
   * later save fails with EFBIG ("File too large") mid-file, as a full disk fails with ENOSPC.
   */
  @Test
  void aFileSystemErrorMidCheckpointKeepsThePreviousOneAndResumeEndsBitwise() throws Exception {
    Path train = dir.resolve("train.tsv");
    Path dev = dir.resolve("dev.tsv");
    Points.write(TRAIN, train);
    Points.write(DEV, dev);
    Path straight = dir.resolve("straight");
    Path run = dir.resolve("run");
    assertEquals(0, PointsTrainerMain.run(args(train, dev, straight).toArray(new String[0])));

    // 1024 blocks: 512 KiB in dash, 1 MiB in bash; state files grow by 300 KB per save
    List<String> limit = List.of("sh", "-c", "ulimit -f 1024 && exec \"$0\" \"$@\"");
    int code;
    String stderr;
    try (ChildJvm child = ChildJvm.start(
        limit, List.of("-Dtrainkit.test.stateBytesPerSave=300000"), args(train, dev, run))) {
      code = child.waitFor(60_000);
      stderr = child.stderr();
    }
    assertEquals(TrainerCli.TRAINING_FAILED, code, stderr);
    Matcher m = Pattern.compile("training failed: could not write the checkpoint "
        + Pattern.quote(run.resolve("checkpoints/last").toString()) + " at step (\\d+): .*File too large.*; "
        + Pattern.quote(run.resolve("checkpoints/last").toString()) + " \\(step (\\d+)\\) is intact: "
        + "resume continues from there").matcher(stderr);
    assertTrue(m.find(), stderr);
    long failed = Long.parseLong(m.group(1));
    long intact = Long.parseLong(m.group(2));
    assertEquals(failed - 1, intact);
    Path last = run.resolve("checkpoints/last");
    CheckpointStore.verify(last);
    assertEquals(intact, LoopState.read(last.resolve("state.json")).globalStep());
    assertFalse(hasHiddenEntries(run.resolve("checkpoints")), "the failed staging directory is removed");

    List<String> resume = args(train, dev, run);
    resume.add("--resume");
    assertEquals(0, PointsTrainerMain.run(resume.toArray(new String[0])));
    assertArrayEquals(
        Files.readAllBytes(straight.resolve("checkpoints/last/parameters.bin")),
        Files.readAllBytes(last.resolve("parameters.bin")));
    assertEquals(
        HistoryJson.read(straight.resolve("history.json")).withoutTimings(),
        HistoryJson.read(run.resolve("history.json")).withoutTimings());
  }

  /** The same through a stub: the component's state writer throws while {@code best} is staged. */
  @Test
  void aWriteErrorWhileSavingBestKeepsBestAndLastAndSaysSo() throws Exception {
    TrainerConfig config = TrainerConfig.builder()
        .trainingType(TrainingType.STEP).iterations(10).evalFrequency(2).saveFrequency(1)
        .batchSize(16).learningRate(0.01).device("cpu").progressBar(false).build();
    Path run = dir.resolve("run");
    // saves: 1 last@1, 2 best@2, 3 last@2, 4 last@3, 5 best@4 (fails)
    try (Trainer<Point, Point, PointBatch> t = new Trainer<>(new FailingSave(5), config, List.of())) {
      TrainingException e = assertThrows(TrainingException.class,
          () -> t.train(TRAIN, DEV, List.of(), run, false));
      assertEquals("could not write the checkpoint " + run.resolve("checkpoints/best")
          + " at step 4: No space left on device; the best checkpoint before it is intact, and "
          + run.resolve("checkpoints/last") + " (step 3) is intact: resume continues from there",
          e.getMessage());
    }
    CheckpointStore.verify(run.resolve("checkpoints/best"));
    assertEquals(2, LoopState.read(run.resolve("checkpoints/best/state.json")).globalStep());
    CheckpointStore.verify(run.resolve("checkpoints/last"));
    assertFalse(hasHiddenEntries(run.resolve("checkpoints")));
  }

  @Test
  void aWriteErrorBeforeAnyCheckpointSaysThereIsNothingToResume() {
    TrainerConfig config = TrainerConfig.builder()
        .trainingType(TrainingType.STEP).iterations(4).evalFrequency(100).saveFrequency(1)
        .batchSize(16).device("cpu").progressBar(false).build();
    Path run = dir.resolve("run");
    try (Trainer<Point, Point, PointBatch> t = new Trainer<>(new FailingSave(1), config, List.of())) {
      TrainingException e = assertThrows(TrainingException.class,
          () -> t.train(TRAIN, List.of(), List.of(), run, false));
      assertTrue(e.getMessage().endsWith(
          "No space left on device; no checkpoint was written before it, so the run must start again"),
          e.getMessage());
    }
    assertFalse(Files.exists(run.resolve("checkpoints/last")));
  }

  private static List<String> args(Path train, Path dev, Path out) {
    return new ArrayList<>(List.of(
        "train", "--train", train.toString(), "--dev", dev.toString(), "--out", out.toString(),
        "--training-type", "step", "--iterations", "8", "--batch-size", "16", "--device", "cpu",
        "--set", "evalFrequency=100", "--set", "saveFrequency=1", "--set", "progressBar=false"));
  }

  private static boolean hasHiddenEntries(Path checkpoints) throws IOException {
    try (Stream<Path> entries = Files.list(checkpoints)) {
      return entries.anyMatch(p -> p.getFileName().toString().startsWith("."));
    }
  }

  /** The classifier, whose {@code n}-th checkpoint write fails half-way like a full disk. */
  private static final class FailingSave implements TrainableComponent<Point, Point, PointBatch> {
    private final PointClassifier delegate = new PointClassifier(16, 3, 0);
    private final int failingSave;
    private int saves;

    FailingSave(int failingSave) {
      this.failingSave = failingSave;
    }

    @Override
    public void saveState(Path directory) throws IOException {
      Files.writeString(directory.resolve("state.txt"), "half of it");
      if (++saves == failingSave) {
        throw new IOException("No space left on device");
      }
    }

    @Override
    public Block model() {
      return delegate.model();
    }

    @Override
    public Point preprocess(Point item) {
      return item;
    }

    @Override
    public PointBatch collate(List<Point> examples, NDManager manager) {
      return delegate.collate(examples, manager);
    }

    @Override
    public ForwardResult forward(PointBatch batch, ForwardContext context) {
      return delegate.forward(batch, context);
    }
  }
}
