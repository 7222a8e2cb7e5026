package org.trainkit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;

/** The command line: exit codes, messages, and that bad input stops before training. */
class TrainerCliTest {

  @TempDir Path dir;
  private Path train;
  private Path dev;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void writeData() throws Exception {
    train = dir.resolve("train.tsv");
    dev = dir.resolve("dev.tsv");
    Points.write(Points.generate(200, 4, 2, 9, 1), train);
    Points.write(Points.generate(50, 4, 2, 9, 2), dev);
  }

  private int run(String... args) {
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      return TrainerCli.run("points", TrainerCliTest::session, args);
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
  }

  private static TrainerSession<Point> session(TrainerConfig config) {
    Trainer<Point, Point, PointClassifier.PointBatch> trainer =
        new Trainer<>(new PointClassifier(8, 2, 0), config, List.of());
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

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void trainsThenEvaluatesWithExitCodeZero() {
    Path runDir = dir.resolve("run");
    int code = run("train", "--train", train.toString(), "--dev", dev.toString(), "--out", runDir.toString(),
        "--iterations", "2", "--set", "progressBar=false");
    assertEquals(0, code, errors());
    assertTrue(Files.isDirectory(runDir.resolve("checkpoints/best")));
    assertEquals(0, run("evaluate", "--run", runDir.toString(), "--data", dev.toString()), errors());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("accuracy"), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void existingRunWithoutResumeIsAUsageErrorAndNothingIsOverwritten() throws Exception {
    Path runDir = dir.resolve("run");
    assertEquals(0, run("train", "--train", train.toString(), "--out", runDir.toString(), "--iterations", "1"));
    byte[] before = Files.readAllBytes(runDir.resolve("checkpoints/last/parameters.bin"));
    assertEquals(2, run("train", "--train", train.toString(), "--out", runDir.toString(), "--iterations", "1"));
    assertTrue(errors().contains("--resume") && errors().contains("--overwrite"), errors());
    assertEquals(List.of(before.length), List.of(Files.readAllBytes(runDir.resolve("checkpoints/last/parameters.bin")).length));
  }

  @Test
  void unknownConfigKeyNamesTheKey() {
    int code = run("train", "--train", train.toString(), "--out", dir.resolve("r").toString(),
        "--set", "learningrate=0.1");
    assertEquals(2, code);
    assertTrue(errors().contains("learningrate"), errors());
    assertFalse(Files.exists(dir.resolve("r/checkpoints")));
  }

  @Test
  void missingDataFileIsAUsageError() {
    int code = run("train", "--train", dir.resolve("nope.tsv").toString(), "--out", dir.resolve("r").toString());
    assertEquals(2, code);
    assertTrue(errors().contains("--train") && errors().contains("nope.tsv"), errors());
  }

  @Test
  void malformedDataLineNamesFileAndLine() throws Exception {
    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "0\t1,2,3,4\n1 1,2,3,4\n");
    int code = run("train", "--train", bad.toString(), "--out", dir.resolve("r").toString());
    assertEquals(2, code);
    assertTrue(errors().contains("bad.tsv:2"), errors());
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    assertEquals(2, run("train", "--out", dir.resolve("r").toString()));
    assertTrue(errors().contains("--train"), errors());
  }

  @Test
  void compareAndReportRunFromEveryEntryPoint() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals(0, run("train", "--train", train.toString(), "--dev", dev.toString(), "--out", a.toString(),
        "--iterations", "1"), errors());
    assertEquals(0, run("train", "--train", train.toString(), "--dev", dev.toString(), "--out", b.toString(),
        "--iterations", "2"), errors());
    out.reset();
    Path html = dir.resolve("compare.html");
    assertEquals(0, run("compare", a.toString(), b.toString(), "--html", html.toString()), errors());
    String table = out.toString(StandardCharsets.UTF_8);
    assertTrue(table.contains("accuracy"), table);
    assertTrue(Files.size(html) > 1000);
    assertEquals(0, run("report", a.toString()), errors());
    assertTrue(Files.readString(a.resolve("report.html")).contains("accuracy"));
    assertEquals(2, run("compare", dir.resolve("nothing").toString()));
  }
}
