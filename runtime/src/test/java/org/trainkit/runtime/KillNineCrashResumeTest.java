package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.checkpoint.CheckpointStore;
import org.trainkit.runtime.checkpoint.LoopState;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.testing.ChildJvm;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.PointsTrainerMain;

/**
 * Promise 1, kill -9 anywhere: training runs in a child JVM, which is killed with SIGKILL at
 * twelve moments drawn from a seeded generator — after a random step, inside a checkpoint
 * write, or at a random time from start-up — and resumed after each kill. The run it ends with
 * is bitwise the run that was never killed (last and best parameters, optimizer state, history),
 * and after every kill each checkpoint that exists is complete. The same holds in epoch mode,
 * where a kill mid-epoch resumes from the last epoch's checkpoint (three planned kills: two
 * mid-epoch, one inside a checkpoint write). The command line reads the data files through their
 * index, so this holds for indexed datasets.
 */
class KillNineCrashResumeTest {

  private static final int KILLS = 12;
  private static final int STEPS = 60;
  /** The pause inside each checkpoint's component-state write: the window a kill can land in. */
  private static final long SAVE_SLEEP_MILLIS = 30;

  @TempDir Path dir;

  /** When to kill: after the count-th STEP (mode 0) or SAVING (mode 1) line, or at once (2), then delay ms. */
  private record Moment(int mode, int count, long delay) {}

  @Test
  void killedTwelveTimesThenResumedEndsBitwiseWhereAnUninterruptedRunEnds() throws Exception {
    Random random = new Random(20250607);
    killResumeAndCompare("step", KILLS, 3, () -> {
      int mode = random.nextInt(3);
      int count = 1 + random.nextInt(4);
      return new Moment(mode, count, random.nextInt(mode == 2 ? 2500 : 20));
    });
  }

  @Test
  void epochModeKilledMidEpochAndInsideCheckpointWritesEndsBitwiseWhereAnUninterruptedRunEnds()
      throws Exception {
    // 4 epochs of 15 steps, a checkpoint after each: step 20 and step 9 (after a resume) are
    // mid-epoch; 10 ms into a 30 ms pause of a checkpoint write is inside it.
    java.util.Iterator<Moment> plan =
        List.of(new Moment(0, 20, 0), new Moment(1, 1, 10), new Moment(0, 9, 0)).iterator();
    killResumeAndCompare("epoch", 3, 1, plan::next);
  }

  private void killResumeAndCompare(
      String trainingType, int killCount, int minKillsInsideASave,
      java.util.function.Supplier<Moment> moments) throws Exception {
    Path train = dir.resolve("train.tsv");
    Path dev = dir.resolve("dev.tsv");
    Points.write(Points.generate(240, 6, 3, 11, 1), train);
    Points.write(Points.generate(60, 6, 3, 11, 2), dev);
    Path straight = dir.resolve("straight");
    Path crashed = dir.resolve("crashed");

    assertEquals(0, PointsTrainerMain.run(args(trainingType, train, dev, straight).toArray(new String[0])));
    // the command line trains from the files by their index, not from lists
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(2, files.filter(p -> p.getFileName().toString().endsWith(".trainkit-index")).count(),
          "train.tsv and dev.tsv are indexed");
    }

    CheckpointStore store = new CheckpointStore(crashed);
    int kills = 0;
    int killsInsideASave = 0;
    List<String> log = new ArrayList<>();
    while (kills < killCount) {
      List<String> args = args(trainingType, train, dev, crashed);
      if (Files.isDirectory(store.directory(CheckpointStore.LAST))
          || Files.isDirectory(store.directory(CheckpointStore.PREVIOUS))) {
        args.add("--resume");
      } else if (Files.exists(crashed)) {
        args.add("--overwrite"); // killed before its first checkpoint: start again
      }
      Moment moment = moments.get();
      int mode = moment.mode();
      int count = moment.count();
      long delay = moment.delay();
      List<Path> leftBefore = stagingDirectories(crashed);
      try (ChildJvm child = ChildJvm.start(List.of(), SAVE_SLEEP_MILLIS, args)) {
        boolean reached = switch (mode) {
          case 0 -> child.awaitLine("STEP ", count, 60_000);
          case 1 -> child.awaitLine("SAVING ", count, 60_000);
          default -> true;
        };
        if (!reached) {
          fail("the child ended before kill " + (kills + 1) + " (" + args + "):\n" + child.stderr());
        }
        Thread.sleep(delay);
        if (!child.process().isAlive()) {
          fail("the child ended before kill " + (kills + 1) + ":\n" + child.stderr());
        }
        child.killNine();
        kills++;
      }
      // A new staging directory is a checkpoint the kill cut off while it was being written.
      List<Path> left = stagingDirectories(crashed);
      left.removeAll(leftBefore);
      boolean insideASave = !left.isEmpty();
      killsInsideASave += insideASave ? 1 : 0;
      long step = -1;
      for (String name : List.of(CheckpointStore.LAST, CheckpointStore.PREVIOUS, CheckpointStore.BEST)) {
        Path checkpoint = store.directory(name);
        if (Files.isDirectory(checkpoint)) {
          CheckpointStore.verify(checkpoint); // never partial
          if (!name.equals(CheckpointStore.BEST) && step < 0) {
            step = LoopState.read(checkpoint.resolve("state.json")).globalStep();
          }
        }
      }
      log.add(String.format("kill %d: mode %d, count %d, delay %d ms -> resumable step %d%s",
          kills, mode, count, delay, step, insideASave ? ", inside a checkpoint write" : ""));
    }

    List<String> args = args(trainingType, train, dev, crashed);
    args.add("--resume");
    try (ChildJvm child = ChildJvm.start(List.of(), 0, args)) {
      assertEquals(0, child.waitFor(120_000), child.stderr());
    }
    String report = String.join("\n", log);
    System.out.println(report);
    assertTrue(killsInsideASave >= minKillsInsideASave, "too few kills landed inside a checkpoint write:\n" + report);

    assertEquals(STEPS, LoopState.read(crashed.resolve("checkpoints/last/state.json")).globalStep());
    for (String file : List.of("last/parameters.bin", "last/optimizer.bin", "last/schedule.bin",
        "best/parameters.bin")) {
      assertArrayEquals(
          Files.readAllBytes(straight.resolve("checkpoints").resolve(file)),
          Files.readAllBytes(crashed.resolve("checkpoints").resolve(file)), file + "\n" + report);
    }
    History a = HistoryJson.read(straight.resolve("history.json"));
    History b = HistoryJson.read(crashed.resolve("history.json"));
    assertEquals(a.withoutTimings(), b.withoutTimings(), report);
    assertEquals(
        HistoryJson.read(straight.resolve("checkpoints/last/history.json")).withoutTimings(),
        HistoryJson.read(crashed.resolve("checkpoints/last/history.json")).withoutTimings());
  }

  /** 60 steps either way: 60 steps, or 4 epochs of 15 batches; a checkpoint every step or epoch. */
  private static List<String> args(String trainingType, Path train, Path dev, Path out) {
    boolean steps = trainingType.equals("step");
    return new ArrayList<>(List.of(
        "train", "--train", train.toString(), "--dev", dev.toString(), "--out", out.toString(),
        "--training-type", trainingType, "--iterations", steps ? Integer.toString(STEPS) : "4",
        "--batch-size", "16", "--learning-rate", "0.01", "--device", "cpu", "--workers", "1",
        "--set", "evalFrequency=" + (steps ? 5 : 1), "--set", "saveFrequency=1", "--set", "progressBar=false",
        "--set", "gradientClipNorm=5", "--set", "lrSchedule=cosine", "--set", "warmupSteps=3",
        "--set", "monitor=accuracy"));
  }

  private static List<Path> stagingDirectories(Path run) throws IOException {
    Path checkpoints = run.resolve("checkpoints");
    if (!Files.isDirectory(checkpoints)) {
      return new ArrayList<>();
    }
    try (Stream<Path> entries = Files.list(checkpoints)) {
      return new ArrayList<>(
          entries.filter(p -> p.getFileName().toString().startsWith(".staging-")).toList());
    }
  }
}
