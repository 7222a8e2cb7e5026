package org.trainkit.runtime.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.data.FileFingerprint;
import org.trainkit.runtime.testing.Captured;
import org.trainkit.runtime.testing.Points;

/**
 * A run's provenance.json: written when it starts, appended to when it resumes, with versions,
 * machine, torch threads, seed and each data file's fingerprint; report.html shows it; compare
 * lists the fields that differ between two runs; evaluate warns when given the training file.
 */
class ProvenanceTest {

  @TempDir Path dir;

  @Test
  void recordedAtStartAndResumeShownComparedAndCheckedByEvaluate() throws Exception {
    Path train = dir.resolve("train.tsv");
    Path dev = dir.resolve("dev.tsv");
    Points.write(Points.generate(80, 4, 2, 3, 1), train);
    Points.write(Points.generate(30, 4, 2, 3, 2), dev);
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    List<String> args = List.of("train", "--train", train.toString(), "--dev", dev.toString(),
        "--batch-size", "16", "--device", "cpu", "--workers", "0",
        "--set", "progressBar=false", "--seed", "5");

    assertEquals(0, run(args, "--out", a.toString(), "--set", "torchThreads=1", "--iterations", "1").exitCode());
    List<JsonNode> entries = RunProvenance.read(a);
    assertEquals(1, entries.size());
    JsonNode start = entries.get(0);
    assertEquals("start", start.path("event").asText());
    assertTrue(start.path("command").asText().startsWith("points train --train "), start.toString());
    assertTrue(start.path("trainable").asText().endsWith("SlowSaving"), start.toString());
    assertEquals("0.1.0-SNAPSHOT", start.path("versions").path("trainkit").asText());
    assertEquals("0.36.0", start.path("versions").path("djl").asText());
    assertEquals("2.7.1", start.path("versions").path("libtorch").asText());
    assertEquals(Runtime.version().toString(), start.path("versions").path("java").asText().split(" ")[0]);
    assertFalse(start.path("machine").path("cpu").asText().isBlank());
    assertEquals("none", start.path("machine").path("gpu").asText());
    assertEquals(1, start.path("torchThreads").asInt());
    assertEquals(5, start.path("seed").asLong());
    FileFingerprint print = FileFingerprint.of(train);
    JsonNode data = start.path("data").path("train");
    assertEquals(train.toAbsolutePath().toString(), data.path("path").asText());
    assertEquals(print.size(), data.path("size").asLong());
    assertEquals(print.sha256(), data.path("sha256").asText());
    assertEquals(FileFingerprint.of(dev).sha256(), start.path("data").path("dev").path("sha256").asText());
    assertEquals(0, Captured.run("report", a.toString()).exitCode());
    String report = Files.readString(a.resolve("report.html"));
    assertTrue(report.contains("id=\"provenance\"") && report.contains(print.sha256()), "report shows it");

    // continued to a second epoch: one more entry
    assertEquals(0, run(args, "--out", a.toString(), "--set", "torchThreads=1", "--iterations", "2",
        "--resume").exitCode());
    List<JsonNode> twice = RunProvenance.read(a);
    assertEquals(2, twice.size());
    assertEquals("resume", twice.get(1).path("event").asText());
    assertEquals(start, twice.get(0));

    // compare lists what differs: here the torch threads
    assertEquals(0, run(args, "--out", b.toString(), "--set", "torchThreads=2", "--iterations", "1").exitCode());
    Captured compare = Captured.run("compare", a.toString(), b.toString());
    assertEquals(0, compare.exitCode(), compare.err());
    String torchRow = compare.out().lines().filter(l -> l.startsWith("provenance: torchThreads"))
        .findFirst().orElse("");
    assertTrue(torchRow.matches("provenance: torchThreads\\s+1\\s+2"), compare.out());
    assertFalse(compare.out().contains("provenance: data.train.sha256"), compare.out());

    // evaluate on the training file warns; on the dev file it does not
    Captured onTrain = Captured.run("evaluate", "--run", a.toString(), "--data", train.toString());
    assertEquals(0, onTrain.exitCode(), onTrain.err());
    assertTrue(onTrain.err().contains("is the file this run trained on"), onTrain.err());
    Captured onDev = Captured.run("evaluate", "--run", a.toString(), "--data", dev.toString());
    assertEquals(0, onDev.exitCode(), onDev.err());
    assertFalse(onDev.err().contains("warning"), onDev.err());
  }

  private static Captured run(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    Captured result = Captured.run(all.toArray(new String[0]));
    if (result.exitCode() != 0) {
      System.err.println(result.err());
    }
    return result;
  }
}
