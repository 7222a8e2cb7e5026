package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.testing.Captured;
import org.trainkit.runtime.testing.ChildJvm;
import org.trainkit.runtime.testing.Points;

/**
 * Every {@code train} holds a lock on its run directory: while one trains, a second {@code train}
 * on the same directory — resuming or overwriting it — is refused with exit code 2 and a message
 * naming the holder, and touches nothing; once the holder is killed (-9), the OS has dropped the
 * lock and the run resumes.
 */
class RunLockTest {

  @TempDir Path dir;

  @Test
  void secondTrainOnALockedRunIsRefusedAndTheLockDiesWithItsProcess() throws Exception {
    Path train = dir.resolve("train.tsv");
    Points.write(Points.generate(120, 4, 3, 5, 1), train);
    Path run = dir.resolve("run");
    List<String> args = new ArrayList<>(List.of("train", "--train", train.toString(),
        "--out", run.toString(), "--training-type", "step", "--iterations", "60",
        "--batch-size", "8", "--device", "cpu", "--workers", "0", "--set", "saveFrequency=1",
        "--set", "progressBar=false"));
    try (ChildJvm first = ChildJvm.start(List.of(), 100, args)) {
      assertTrue(first.awaitLine("SAVING ", 2, 120_000), first.stderr());
      long checkpointsBefore = Files.list(run.resolve("checkpoints")).count();

      List<String> resume = new ArrayList<>(args);
      resume.add("--resume");
      Captured second = Captured.run(resume.toArray(new String[0]));
      assertEquals(2, second.exitCode(), second.err());
      assertTrue(second.err().contains("is in use: another train (pid " + first.pid() + ")"),
          second.err());

      List<String> overwrite = new ArrayList<>(args);
      overwrite.add("--overwrite");
      Captured third = Captured.run(overwrite.toArray(new String[0]));
      assertEquals(2, third.exitCode(), third.err());
      assertTrue(Files.isDirectory(run.resolve("checkpoints")), "--overwrite deleted a locked run");
      assertTrue(Files.list(run.resolve("checkpoints")).count() >= Math.min(1, checkpointsBefore));
      first.killNine();
    }
    List<String> resume = new ArrayList<>(args);
    resume.add("--resume");
    Captured after = Captured.run(resume.toArray(new String[0]));
    assertEquals(0, after.exitCode(), after.err());
  }
}
