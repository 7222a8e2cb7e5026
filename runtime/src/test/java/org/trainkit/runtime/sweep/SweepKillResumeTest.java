package org.trainkit.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.provenance.RunProvenance;
import org.trainkit.runtime.testing.Captured;
import org.trainkit.runtime.testing.ChildJvm;
import org.trainkit.runtime.testing.Points;

/**
 * kill -9 of a sweep while its runs train: the runs' JVMs notice that the sweep is gone and stop
 * after a checkpoint, and the sweep run again ends with every run bitwise equal (parameters,
 * optimizer state, best checkpoint, history) to the same sweep never killed.
 */
class SweepKillResumeTest {

  @TempDir Path dir;

  @Test
  void sweepKilledWithSigkillAndRunAgainEndsBitwiseWhereAnUninterruptedSweepEnds() throws Exception {
    Path train = dir.resolve("train.tsv");
    Path dev = dir.resolve("dev.tsv");
    Points.write(Points.generate(160, 6, 3, 11, 1), train);
    Points.write(Points.generate(40, 6, 3, 11, 2), dev);
    Path straight = dir.resolve("straight");
    Path crashed = dir.resolve("crashed");

    Captured reference = Captured.run(args(train, dev, straight).toArray(new String[0]));
    assertEquals(0, reference.exitCode(), reference.out() + reference.err());

    SweepLayout layout = SweepLayout.at(crashed);
    // slow checkpoint writes (every step) keep the runs going long enough to be killed midway
    try (ChildJvm sweep = ChildJvm.start(List.of(), 40, args(train, dev, crashed))) {
      long deadline = System.currentTimeMillis() + 120_000;
      while (!Files.isDirectory(layout.run("learningRate=0.01_seed=7").resolve("checkpoints/last"))) {
        if (System.currentTimeMillis() > deadline || !sweep.process().isAlive()) {
          fail("no checkpoint before the kill:\n" + sweep.stdout() + sweep.stderr());
        }
        Thread.sleep(20);
      }
      sweep.killNine();
    }
    // each run's JVM leaves once it sees its sweep gone (its pid is in the run's lock file)
    List<Long> children = new ArrayList<>();
    for (PlannedRun run : SweepPlan.read(layout.plan()).runs()) {
      String pid = RunLockWait.owner(layout.run(run.name()));
      if (pid.matches("\\d+")) {
        children.add(Long.parseLong(pid));
      }
    }
    assertFalse(children.isEmpty());
    for (long pid : children) {
      Optional<ProcessHandle> child = ProcessHandle.of(pid);
      if (child.isPresent()) {
        child.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
    List<String> unfinished = new ArrayList<>();
    for (PlannedRun run : SweepPlan.read(layout.plan()).runs()) {
      if (RunState.of(layout, run).status() != RunState.Status.FINISHED) {
        unfinished.add(run.name());
      }
    }
    assertFalse(unfinished.isEmpty(), "the kill came too late to interrupt any run");

    Captured resumed = Captured.run(args(train, dev, crashed).toArray(new String[0]));
    assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());

    boolean sawResume = false;
    for (PlannedRun run : SweepPlan.read(layout.plan()).runs()) {
      Path a = SweepLayout.at(straight).run(run.name());
      Path b = layout.run(run.name());
      for (String file : List.of("last/parameters.bin", "last/optimizer.bin", "last/schedule.bin",
          "best/parameters.bin")) {
        assertArrayEquals(Files.readAllBytes(a.resolve("checkpoints").resolve(file)),
            Files.readAllBytes(b.resolve("checkpoints").resolve(file)), run.name() + " " + file);
      }
      assertEquals(HistoryJson.read(a.resolve("history.json")).withoutTimings(),
          HistoryJson.read(b.resolve("history.json")).withoutTimings(), run.name());
      List<JsonNode> provenance = RunProvenance.read(b);
      sawResume |= provenance.stream().anyMatch(e -> e.path("event").asText().equals("resume"));
    }
    assertTrue(sawResume, "an interrupted run records its resume in provenance.json: " + unfinished);
    assertEquals(SweepLayout.at(straight).csv().toFile().length() > 0, true);
  }

  private static List<String> args(Path train, Path dev, Path out) {
    return new ArrayList<>(List.of("sweep", "--train", train.toString(), "--dev", dev.toString(),
        "--out", out.toString(), "--grid", "learningRate=0.01,0.03", "--seeds", "7",
        "--parallel", "2", "--training-type", "step", "--iterations", "40", "--batch-size", "8",
        "--device", "cpu", "--workers", "1", "--set", "evalFrequency=5", "--set", "saveFrequency=1",
        "--set", "monitor=accuracy", "--jvm-option=-XX:TieredStopAtLevel=1",
        "--jvm-option=-XX:+UseSerialGC"));
  }
}
