package org.trainkit.runtime.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trainkit.runtime.report.MetricsLogTest.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.AtomicFiles;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.io.RunDirectory;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void writesAndReplacesLeavingNoTemporaryFile() throws IOException {
    Path file = dir.resolve("a.json");
    AtomicFiles.write(file, bytes("first"));
    AtomicFiles.write(file, bytes("second, longer"));
    AtomicFiles.write(file, bytes("3"));

    assertEquals("3", Files.readString(file));
    assertEquals(Set.of("a.json"), names(dir));
  }

  @Test
  void createsTheDirectory() throws IOException {
    Path file = dir.resolve("run/checkpoints/x.txt");
    AtomicFiles.write(file, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
  }

  @Test
  void failedWriteNamesTheFileAndLeavesNoTemporaryFile() throws IOException {
    // A non-empty directory cannot be replaced by a file: the rename fails.
    Path target = dir.resolve("summary.json");
    Files.createDirectory(target);
    Files.writeString(target.resolve("inside"), "keep");

    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, bytes("x")));
    assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
    assertEquals(Set.of("summary.json"), names(dir));
    assertEquals("keep", Files.readString(target.resolve("inside")));
  }

  @Test
  void reportsLeaveOnlyTheirOwnFiles() throws IOException {
    History history =
        new History(
            "dev_loss",
            false,
            List.of(
                new EpochSummary(1, 10, 0.5, 0.4, metrics("accuracy", 0.8), 1e-3, 1),
                new EpochSummary(2, 20, 0.4, 0.3, metrics("accuracy", 0.9, "f1", 0.7), 1e-3, 1)));
    HistoryJson.write(history, dir.resolve(RunDirectory.HISTORY));
    HistoryJson.write(history, dir.resolve(RunDirectory.HISTORY));
    RunSummary.write(dir, history, Map.of("loss", 0.3), Map.of(), 2);
    MetricsLog log = new MetricsLog(dir);
    history.iterations().forEach(s -> append(log, s));
    new MetricsLog(dir, history);

    assertEquals(
        Set.of("history.json", "summary.json", "metrics.csv", "metrics.jsonl"), names(dir));
  }

  private static void append(MetricsLog log, EpochSummary summary) {
    try {
      log.append(summary);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Set<String> names(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(p -> p.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
