package org.trainkit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;

/**
 * Promise 5, bad configuration and command lines: each mistake gives one message (no stack
 * trace) naming the option, key, file or directory, exit code 2, before any training starts,
 * and nothing in an existing run directory is changed.
 */
class CliBadInputTest {

  @TempDir Path dir;
  private Path train;
  private Path out;
  private final AtomicInteger trainingsStarted = new AtomicInteger();
  private String errors;

  @BeforeEach
  void writeData() throws Exception {
    train = dir.resolve("train.tsv");
    Points.write(Points.generate(64, 4, 2, 9, 1), train);
    out = dir.resolve("run");
  }

  private int run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return TrainerCli.run("points", this::session, args);
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
      errors = err.toString(StandardCharsets.UTF_8);
    }
  }

  private TrainerSession<Point> session(TrainerConfig config) {
    TrainerCallback started = new TrainerCallback() {
      @Override
      public void onTrainBegin(TrainerState state) {
        trainingsStarted.incrementAndGet();
      }
    };
    Trainer<Point, Point, PointClassifier.PointBatch> trainer =
        new Trainer<>(new PointClassifier(8, 2, 0), config, List.of(started));
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

  private String[] trainArgs(String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "train", "--train", train.toString(), "--out", out.toString(), "--iterations", "1",
        "--set", "progressBar=false"));
    args.addAll(Arrays.asList(extra));
    return args.toArray(new String[0]);
  }

  /** Exit code 2, the expected words in a one-line message, and nothing trained or created. */
  private void assertUsageError(int code, String... words) {
    assertEquals(2, code, errors);
    for (String word : words) {
      assertTrue(errors.contains(word), "'" + word + "' missing from: " + errors);
    }
    assertTrue(errors.startsWith("error: "), errors);
    assertFalse(errors.contains("\tat "), "no stack trace: " + errors);
    assertEquals(0, trainingsStarted.get(), "no training may start");
  }

  @Test
  void unknownKeyInAConfigFileNamesFileLineAndTheNearestKey() throws IOException {
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, "iterations: 2\nlearningrate: 0.1\n");
    assertUsageError(run(trainArgs("--config", config.toString())),
        config + ", line 2: unknown key 'learningrate'; did you mean 'learningRate'?");
    assertFalse(Files.exists(out), "the run directory is not even created");
  }

  @Test
  void wrongTypesAreNamed() throws IOException {
    assertUsageError(run(trainArgs("--set", "batchSize=sixteen")),
        "batchSize: \"sixteen\" is not allowed; must be an integer");
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, "shuffle: maybe\n");
    assertUsageError(run(trainArgs("--config", config.toString())),
        config + ", line 1: shuffle: \"maybe\" is not allowed; must be true or false");
    assertEquals(2, run(trainArgs("--iterations", "ten")));
    assertTrue(errors.contains("--iterations") && errors.contains("ten"), errors);
    assertFalse(Files.exists(out));
  }

  @Test
  void outOfRangeValuesAreNamed() {
    assertUsageError(run(trainArgs("--set", "learningRate=-0.1")),
        "learningRate: -0.1 is not allowed; must be > 0");
    assertUsageError(run(trainArgs("--set", "trainingType=minutes")),
        "trainingType: \"minutes\" is not allowed; must be one of epoch, step");
    assertUsageError(run(trainArgs("--set", "loaderWorkers=99")), "loaderWorkers: 99 is not allowed");
    assertFalse(Files.exists(out));
  }

  @Test
  void missingFilesAreNamedWithTheirOption() {
    Path missing = dir.resolve("nope.tsv");
    assertUsageError(run("train", "--train", missing.toString(), "--out", out.toString()),
        "--train: " + missing + " does not exist");
    assertUsageError(run(trainArgs("--dev", missing.toString())), "--dev: " + missing + " does not exist");
    assertUsageError(run(trainArgs("--test", missing.toString())), "--test: " + missing + " does not exist");
    assertUsageError(run(trainArgs("--config", missing.toString())), "--config: " + missing + " does not exist");
    assertFalse(Files.exists(out));
  }

  @Test
  void emptyAndMalformedDataFilesStopBeforeTraining() throws IOException {
    Path empty = dir.resolve("empty.tsv");
    Files.writeString(empty, "");
    assertUsageError(run("train", "--train", empty.toString(), "--out", out.toString()),
        "--train: " + empty + " holds no items");
    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "0\t1,2,3,4\n1\t1,2,x,4\n");
    assertUsageError(run(trainArgs("--dev", bad.toString())), bad + ":2: not a number");
    assertFalse(Files.exists(out.resolve("checkpoints")));
  }

  @Test
  void anOutputDirectoryThatCannotBeCreatedOrWrittenIsNamed() throws IOException {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "not a directory");
    Path under = file.resolve("run");
    assertUsageError(run("train", "--train", train.toString(), "--out", under.toString()),
        "--out: cannot create " + under + ": " + file + " is a file, not a directory");
    assertUsageError(run("train", "--train", train.toString(), "--out", file.toString()),
        "--out: cannot create " + file + ": " + file + " is a file, not a directory");
    // a read-only file system: permissions bits would not stop root, this does
    Path proc = Path.of("/proc/trainkit-run");
    if (Files.isDirectory(Path.of("/proc/self"))) {
      assertUsageError(run("train", "--train", train.toString(), "--out", proc.toString()),
          "--out: cannot create " + proc + ": /proc is not writable");
    }
  }

  @Test
  void aReadOnlyOutputDirectoryIsNamedWhenPermissionsApply() throws IOException {
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
        "permission bits do not stop root; the /proc case above covers a read-only directory");
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertUsageError(run("train", "--train", train.toString(), "--out", readOnly.toString()),
          "--out: " + readOnly + " is not writable");
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void anExistingRunIsNeverOverwrittenWithoutResumeOrOverwrite() throws IOException {
    assertEquals(0, run(trainArgs()), errors);
    trainingsStarted.set(0);
    Map<Path, byte[]> before = snapshot(out);

    assertUsageError(run(trainArgs()), out + " already holds a run; pass --resume to continue it or --overwrite");
    assertUsageError(run(trainArgs("--resume", "--overwrite")), "--resume and --overwrite exclude each other");
    // --overwrite reads the data first: bad data leaves the old run as it was
    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "oops\n");
    assertUsageError(run("train", "--train", bad.toString(), "--out", out.toString(), "--overwrite"),
        bad + ":1:");
    assertSnapshotEquals(before, snapshot(out));

    Path fresh = dir.resolve("fresh");
    Files.createDirectories(fresh);
    assertUsageError(run("train", "--train", train.toString(), "--out", fresh.toString(), "--resume"),
        "--resume: " + fresh + " holds no checkpoints to resume from");
  }

  private static Map<Path, byte[]> snapshot(Path root) throws IOException {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        files.put(root.relativize(p), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private static void assertSnapshotEquals(Map<Path, byte[]> expected, Map<Path, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), path.toString()));
  }
}
