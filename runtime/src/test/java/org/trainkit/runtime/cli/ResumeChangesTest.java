package org.trainkit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.PointsTrainerMain;

/**
 * {@code --resume} with a changed configuration: it lists the changes, goes on with those that
 * keep the run meaningful, and refuses the others — before anything is trained or written — unless
 * {@code --allow-changes}.
 */
class ResumeChangesTest {

  @TempDir Path dir;
  private Path train;
  private Path run;
  private String errors;

  @BeforeEach
  void trainOneEpoch() throws Exception {
    train = dir.resolve("train.tsv");
    Points.write(Points.generate(64, 4, 2, 9, 1), train);
    run = dir.resolve("run");
    assertEquals(0, train("--iterations", "1", "--device", "cpu", "--workers", "1"), errors);
  }

  private int train(String... more) {
    List<String> args = new ArrayList<>(List.of(
        "train", "--train", train.toString(), "--dev", train.toString(), "--out", run.toString(),
        "--set", "progressBar=false"));
    args.addAll(List.of(more));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return PointsTrainerMain.run(args.toArray(new String[0]));
    } finally {
      System.setErr(old);
      errors = err.toString(StandardCharsets.UTF_8);
    }
  }

  private byte[] lastParameters() throws Exception {
    return Files.readAllBytes(run.resolve("checkpoints/last/parameters.bin"));
  }

  @Test
  void moreIterationsAndOtherFrequenciesAreListedAndAccepted() {
    assertEquals(0, train("--resume", "--iterations", "2", "--set", "evalFrequency=2",
        "--set", "saveDevOutputs=false"), errors);
    assertTrue(errors.contains("resuming with a changed configuration: iterations: 1 -> 2"), errors);
    assertTrue(errors.contains("evalFrequency: 1 -> 2"), errors);
    assertTrue(errors.contains("saveDevOutputs: true -> false"), errors);
  }

  @Test
  void anUnchangedResumeSaysNothingAboutChanges() {
    assertEquals(0, train("--resume"), errors);
    assertFalse(errors.contains("changed configuration"), errors);
  }

  @Test
  void changesThatAlterTheNumbersAreRefusedBeforeAnythingIsWritten() throws Exception {
    byte[] before = lastParameters();
    assertEquals(TrainerCli.USAGE, train("--resume", "--iterations", "2", "--learning-rate", "0.5",
        "--device", "auto", "--workers", "0"), errors);
    assertTrue(errors.contains("--resume: the configuration differs from the run's:"), errors);
    assertTrue(errors.contains("learningRate: 0.001 -> 0.5 (changes the numbers)"), errors);
    assertTrue(errors.contains("device: cpu -> auto (changes the numbers)"), errors);
    assertTrue(errors.contains("loaderWorkers: 1 -> 0 (changes the numbers)"), errors);
    assertTrue(errors.contains("iterations: 1 -> 2\n"), errors);
    assertTrue(errors.contains("pass --allow-changes"), errors);
    assertArrayEquals(before, lastParameters());
  }

  @Test
  void fewerIterationsAreRefused() throws Exception {
    assertEquals(0, train("--resume", "--iterations", "3"), errors);
    assertEquals(TrainerCli.USAGE, train("--resume", "--iterations", "2"), errors);
    assertTrue(errors.contains("iterations: 3 -> 2 (fewer)"), errors);
  }

  @Test
  void allowChangesAcceptsAnyChangeAndStillListsIt() {
    assertEquals(0, train("--resume", "--allow-changes", "--iterations", "2", "--learning-rate", "0.5"),
        errors);
    assertTrue(errors.contains("resuming with a changed configuration: learningRate: 0.001 -> 0.5"), errors);
  }

  @Test
  void allowChangesWithoutResumeIsAUsageError() {
    assertEquals(TrainerCli.USAGE, train("--overwrite", "--allow-changes"), errors);
    assertTrue(errors.contains("--allow-changes goes with --resume"), errors);
  }
}
