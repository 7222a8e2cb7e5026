package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trainkit.runtime.checkpoint.CheckpointStore;
import org.trainkit.runtime.checkpoint.LoopState;
import org.trainkit.runtime.cli.TrainerCli;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.testing.ChildJvm;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.PointsTrainerMain;

/**
 * Promise 7, Ctrl-C: SIGINT sent to a training JVM finishes the step in progress, writes {@code
 * checkpoints/last} (saves are otherwise not due), exits with 130 and a message saying how to
 * resume; resuming then ends bitwise where a run that was never interrupted ends — also when the
 * interrupt lands in the middle of an epoch. A second Ctrl-C while that checkpoint is written is
 * ignored: the run still saves, exits with 130, and resumes bitwise.
 */
class InterruptResumeTest {

  private static final int SIGINT = 2;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} mode")
  @ValueSource(strings = {"step", "epoch"})
  void ctrlCSavesTheFinishedStepAndResumeEndsBitwiseWhereAStraightRunEnds(String mode)
      throws Exception {
    Path train = dir.resolve("train.tsv");
    Path dev = dir.resolve("dev.tsv");
    Points.write(Points.generate(240, 6, 3, 11, 1), train);
    Points.write(Points.generate(60, 6, 3, 11, 2), dev);
    Path straight = dir.resolve("straight");
    Path interrupted = dir.resolve("interrupted");
    assertEquals(0, PointsTrainerMain.run(args(mode, train, dev, straight).toArray(new String[0])));

    String stdout;
    String stderr;
    int code;
    try (ChildJvm child = ChildJvm.start(wrapperResettingSigint(), 0, args(mode, train, dev, interrupted))) {
      assertTrue(child.awaitLine("STEP ", 7, 60_000), child.stderr());
      Process kill = new ProcessBuilder("sh", "-c", "kill -INT " + child.pid()).inheritIO().start();
      assertEquals(0, kill.waitFor());
      code = child.waitFor(60_000);
      stdout = child.stdout();
      stderr = child.stderr();
    }
    assertEquals(TrainerCli.INTERRUPTED, code, stderr);
    long lastStep = lastStepMarker(stdout);
    assertTrue(lastStep >= 7 && lastStep < 40, stdout);
    Path last = interrupted.resolve("checkpoints/last");
    CheckpointStore.verify(last);
    // the step in progress was finished and saved; no step was started after it
    assertEquals(lastStep, LoopState.read(last.resolve("state.json")).globalStep(), stdout);
    assertTrue(stderr.contains("interrupted: stopped after step " + lastStep + " of 40"), stderr);
    // a command the user can paste: the child's own java command line, then the arguments
    assertTrue(stderr.contains("to continue exactly from there, run: /")
        && stderr.contains("/bin/java -Dai.djl.offline=true -Xmx512m")
        && stderr.contains(PointsTrainerMain.class.getName() + " train --train ")
        && stderr.contains(" --resume"), stderr);
    assertTrue(mode.equals("step") || lastStep % 15 != 0, "meant to stop mid-epoch: " + lastStep);

    List<String> resume = args(mode, train, dev, interrupted);
    resume.add("--resume");
    assertEquals(0, PointsTrainerMain.run(resume.toArray(new String[0])));
    for (String file : List.of("last/parameters.bin", "last/optimizer.bin", "best/parameters.bin")) {
      assertArrayEquals(
          Files.readAllBytes(straight.resolve("checkpoints").resolve(file)),
          Files.readAllBytes(interrupted.resolve("checkpoints").resolve(file)), file);
    }
    assertEquals(
        HistoryJson.read(straight.resolve("history.json")).withoutTimings(),
        HistoryJson.read(interrupted.resolve("history.json")).withoutTimings());
  }

  @Test
  void aSecondCtrlCWhileTheCheckpointIsWrittenIsIgnored() throws Exception {
    Path train = dir.resolve("train.tsv");
    Path dev = dir.resolve("dev.tsv");
    Points.write(Points.generate(240, 6, 3, 11, 1), train);
    Points.write(Points.generate(60, 6, 3, 11, 2), dev);
    Path straight = dir.resolve("straight");
    Path interrupted = dir.resolve("interrupted");
    assertEquals(0, PointsTrainerMain.run(args("step", train, dev, straight).toArray(new String[0])));

    int code;
    String stdout;
    String stderr;
    // Each checkpoint write pauses for a second half-way, so the second signal lands inside it.
    try (ChildJvm child = ChildJvm.start(wrapperResettingSigint(), 1000, args("step", train, dev, interrupted))) {
      assertTrue(child.awaitLine("STEP ", 7, 60_000), child.stderr());
      sigint(child);
      assertTrue(child.awaitLine("SAVING ", 1, 30_000), "no checkpoint write after Ctrl-C:\n" + child.stderr());
      sigint(child);
      assertTrue(child.process().isAlive() && !child.stderr().contains("interrupted"),
          "the second Ctrl-C came after the save:\n" + child.stderr());
      code = child.waitFor(60_000);
      stdout = child.stdout();
      stderr = child.stderr();
    }
    assertEquals(TrainerCli.INTERRUPTED, code, stderr);
    long lastStep = lastStepMarker(stdout);
    Path last = interrupted.resolve("checkpoints/last");
    CheckpointStore.verify(last);
    assertEquals(lastStep, LoopState.read(last.resolve("state.json")).globalStep(), stdout);
    assertTrue(stderr.contains("interrupted: stopped after step " + lastStep + " of 40"), stderr);

    List<String> resume = args("step", train, dev, interrupted);
    resume.add("--resume");
    assertEquals(0, PointsTrainerMain.run(resume.toArray(new String[0])));
    for (String file : List.of("last/parameters.bin", "last/optimizer.bin", "best/parameters.bin")) {
      assertArrayEquals(
          Files.readAllBytes(straight.resolve("checkpoints").resolve(file)),
          Files.readAllBytes(interrupted.resolve("checkpoints").resolve(file)), file);
    }
    assertEquals(
        HistoryJson.read(straight.resolve("history.json")).withoutTimings(),
        HistoryJson.read(interrupted.resolve("history.json")).withoutTimings());
  }

  private static void sigint(ChildJvm child) throws Exception {
    Process kill = new ProcessBuilder("sh", "-c", "kill -INT " + child.pid()).inheritIO().start();
    assertEquals(0, kill.waitFor());
  }

  /** 40 steps either way: 40 steps, or 4 epochs of 10 batches; saves only at the end. */
  private static List<String> args(String mode, Path train, Path dev, Path out) {
    boolean steps = mode.equals("step");
    return new ArrayList<>(List.of(
        "train", "--train", train.toString(), "--dev", dev.toString(), "--out", out.toString(),
        "--training-type", mode, "--iterations", steps ? "40" : "4", "--batch-size", steps ? "16" : "24",
        "--learning-rate", "0.01", "--device", "cpu", "--workers", "1",
        "--set", "evalFrequency=" + (steps ? 5 : 1), "--set", "saveFrequency=1000",
        "--set", "progressBar=false", "--set", "monitor=accuracy"));
  }

  private static long lastStepMarker(String stdout) {
    Matcher m = Pattern.compile("(?m)^STEP (\\d+)$").matcher(stdout);
    long last = -1;
    while (m.find()) {
      last = Long.parseLong(m.group(1));
    }
    return last;
  }

  /**
   * A JVM cannot catch a SIGINT that its parent ignores, which is what shells do for background
   * jobs (e.g. a build started with {@code &}); then the child runs under perl, which resets
   * SIGINT to its default before it starts java.
   */
  private static List<String> wrapperResettingSigint() throws IOException {
    if (!ignored(SIGINT)) {
      return List.of();
    }
    boolean perl = Files.isExecutable(Path.of("/usr/bin/perl"));
    Assumptions.assumeTrue(perl, "SIGINT is ignored in this process and there is no perl to reset it");
    return List.of("/usr/bin/perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!", "--");
  }

  private static boolean ignored(int signal) throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return new BigInteger(line.substring("SigIgn:".length()).trim(), 16).testBit(signal - 1);
      }
    }
    return false;
  }
}
