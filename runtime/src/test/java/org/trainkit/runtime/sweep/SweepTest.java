package org.trainkit.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.data.FileFingerprint;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.provenance.RunProvenance;
import org.trainkit.runtime.report.RunSummary;
import org.trainkit.runtime.testing.Captured;
import org.trainkit.runtime.testing.Points;

/**
 * A 2 × 2 grid with 2 seeds on generated data, run by child JVMs two at a time: every run is a
 * finished run directory with its provenance, and the table's means and sample deviations are
 * those computed here from the runs' own summary.json; the best point is the one with the best
 * mean; running the same command again runs nothing; aggregate rebuilds the same table; bad grid
 * input and another sweep in --out are refused before anything runs.
 */
class SweepTest {

  @TempDir Path dir;

  @Test
  void twoByTwoGridTwoSeedsRunsEveryRunAndAggregatesTheirSummaries() throws Exception {
    Path train = dir.resolve("train.tsv");
    Path dev = dir.resolve("dev.tsv");
    Path test = dir.resolve("test.tsv");
    Points.write(Points.generate(120, 4, 3, 5, 1), train);
    Points.write(Points.generate(40, 4, 3, 5, 2), dev);
    Points.write(Points.generate(40, 4, 3, 5, 3), test);
    Path out = dir.resolve("sweep");
    List<String> args = new ArrayList<>(List.of("sweep", "--train", train.toString(),
        "--dev", dev.toString(), "--test", test.toString(), "--out", out.toString(),
        "--grid", "learningRate=0.003,0.03", "--grid", "options.unused=1", "--seeds", "1,2",
        "--parallel", "2", "--iterations", "2", "--batch-size", "16", "--device", "cpu",
        "--workers", "0", "--set", "monitor=accuracy", "--jvm-option=-XX:TieredStopAtLevel=1",
        "--jvm-option=-XX:+UseSerialGC"));
    // a component without options: options.* is refused with the config file's message
    Captured badKey = Captured.run(args.toArray(new String[0]));
    assertEquals(2, badKey.exitCode(), badKey.err());
    assertTrue(badKey.err().contains("unknown key 'options.unused'"), badKey.err());
    assertFalse(Files.exists(out), "nothing may be written before the grid is checked");

    args.set(args.indexOf("options.unused=1"), "batchSize=8,16");
    Captured badValue = Captured.run(with(args, "--grid", "learningRate=fast"));
    assertEquals(2, badValue.exitCode(), badValue.err());
    assertTrue(badValue.err().contains("--grid learningRate=fast: learningRate"), badValue.err());
    assertFalse(Files.exists(out));

    Captured first = Captured.run(args.toArray(new String[0]));
    assertEquals(0, first.exitCode(), first.out() + first.err());

    SweepLayout layout = SweepLayout.at(out);
    SweepPlan plan = SweepPlan.read(layout.plan());
    List<PlannedRun> runs = plan.runs();
    assertEquals(8, runs.size());
    assertEquals("learningRate=0.003_batchSize=8_seed=1", runs.get(0).name());
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    String trainHash = FileFingerprint.of(train).sha256();
    Map<String, FileTime> summaryTimes = new HashMap<>();
    for (PlannedRun run : runs) {
      Path runDir = layout.run(run.name());
      assertTrue(Files.isRegularFile(runDir.resolve("summary.json")), run.name() + ": " + first.out());
      List<JsonNode> provenance = RunProvenance.read(runDir);
      assertEquals(1, provenance.size());
      assertEquals("start", provenance.get(0).path("event").asText());
      assertEquals(threads, provenance.get(0).path("torchThreads").asInt());
      assertEquals(run.seed(), provenance.get(0).path("seed").asLong());
      assertEquals(trainHash, provenance.get(0).path("data").path("train").path("sha256").asText());
      summaryTimes.put(run.name(), Files.getLastModifiedTime(runDir.resolve("summary.json")));
    }

    // the table, recomputed from each run's summary.json and history.json
    List<Map<String, String>> csv = readCsv(layout.csv());
    assertEquals(4, csv.size());
    int bestRow = -1;
    double bestMean = Double.NEGATIVE_INFINITY;
    for (int p = 0; p < 4; p++) {
      Map<String, String> row = csv.get(p);
      List<PlannedRun> seeds = runs.subList(2 * p, 2 * p + 2);
      assertEquals(seeds.get(0).point(), row.get("point"));
      assertEquals("2", row.get("finished"));
      for (String column : List.of("dev_loss", "dev_accuracy", "test_loss", "test_accuracy")) {
        String[] part = column.split("_", 2);
        double a = RunSummary.read(layout.run(seeds.get(0).name())).path(part[0]).path(part[1]).asDouble();
        double b = RunSummary.read(layout.run(seeds.get(1).name())).path(part[0]).path(part[1]).asDouble();
        double mean = (a + b) / 2;
        double std = Math.sqrt(((a - mean) * (a - mean) + (b - mean) * (b - mean)) / (2 - 1));
        assertEquals(mean, Double.parseDouble(row.get(column + "_mean")), 1e-12, column);
        assertEquals(std, Double.parseDouble(row.get(column + "_std")), 1e-12, column);
      }
      double a = HistoryJson.read(layout.run(seeds.get(0).name()).resolve("history.json")).bestValue();
      double b = HistoryJson.read(layout.run(seeds.get(1).name()).resolve("history.json")).bestValue();
      assertEquals((a + b) / 2, Double.parseDouble(row.get("monitor_mean")), 1e-12);
      if ((a + b) / 2 > bestMean) {
        bestMean = (a + b) / 2;
        bestRow = p;
      }
    }
    for (int p = 0; p < 4; p++) {
      assertEquals(Boolean.toString(p == bestRow), csv.get(p).get("best"), "row " + p);
    }
    String markdown = Files.readString(layout.markdown());
    assertTrue(markdown.contains("| \u2605 " + csv.get(bestRow).get("point") + " |"), markdown);
    String html = Files.readString(layout.html());
    assertTrue(html.contains("alt=\"accuracy\"") && html.contains("alt=\"dev_loss\""), "curves per grid point");
    assertFalse(html.contains("http://") || html.contains("https://"), "offline page");

    // the same command again: every run is finished, nothing runs
    Captured again = Captured.run(args.toArray(new String[0]));
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("8 runs: 8 finished"), again.out());
    for (PlannedRun run : runs) {
      assertEquals(summaryTimes.get(run.name()),
          Files.getLastModifiedTime(layout.run(run.name()).resolve("summary.json")));
    }

    // aggregate rebuilds the same table from the run directories
    String csvText = Files.readString(layout.csv());
    Files.delete(layout.csv());
    Captured aggregate = Captured.run("aggregate", out.toString());
    assertEquals(0, aggregate.exitCode(), aggregate.err());
    assertEquals(csvText, Files.readString(layout.csv()));

    // another sweep in the same --out is refused
    Captured other = Captured.run(with(args, "--grid", "momentum=0.5"));
    assertEquals(2, other.exitCode());
    assertTrue(other.err().contains("holds another sweep") && other.err().contains("grid"),
        other.err());

    // print-commands: every run finished, so only comments
    Captured commands = Captured.run(with(args, "--print-commands"));
    assertEquals(0, commands.exitCode(), commands.err());
    assertEquals(8, commands.out().lines().filter(l -> l.startsWith("# finished: ")).count());
  }

  @Test
  void aFailedRunIsRecordedWithItsMessageAndTheSweepGoesOn() throws Exception {
    Path train = dir.resolve("train.tsv");
    Path dev = dir.resolve("dev.tsv");
    Points.write(Points.generate(60, 4, 3, 5, 1), train);
    Points.write(Points.generate(20, 4, 3, 5, 2), dev);
    Path out = dir.resolve("failing");
    // Adam moves every weight by about the learning rate: 1e30 overflows the logits at once
    List<String> args = List.of("sweep", "--train", train.toString(), "--dev", dev.toString(),
        "--out", out.toString(),
        "--grid", "learningRate=1e30,0.01", "--seeds", "3", "--training-type", "step",
        "--iterations", "4", "--batch-size", "16", "--device", "cpu", "--workers", "0",
        "--jvm-option=-XX:TieredStopAtLevel=1", "--jvm-option=-XX:+UseSerialGC");
    Captured first = Captured.run(args.toArray(new String[0]));
    assertEquals(1, first.exitCode(), first.out() + first.err());
    SweepLayout layout = SweepLayout.at(out);
    String failure = Files.readString(layout.failure("learningRate=1e30_seed=3"));
    assertTrue(failure.startsWith("training failed: "), failure);
    assertTrue(Files.isRegularFile(layout.run("learningRate=0.01_seed=3").resolve("summary.json")),
        "the sweep went on after the failure:\n" + first.out());
    assertTrue(Files.readString(layout.markdown()).contains("- `learningRate=1e30_seed=3`: training failed"));
    List<Map<String, String>> csv = readCsv(layout.csv());
    assertEquals("0", csv.get(0).get("finished"));
    assertEquals("1", csv.get(0).get("failed"));
    assertEquals("true", csv.get(1).get("best"));

    Captured again = Captured.run(args.toArray(new String[0]));
    assertEquals(1, again.exitCode());
    assertTrue(again.out().contains("2 runs: 1 finished, 1 failed"), again.out());

    // more seeds: refused as another sweep without --resume, added with it
    List<String> moreSeeds = new ArrayList<>(args);
    moreSeeds.set(moreSeeds.indexOf("3"), "3,4");
    Captured refused = Captured.run(moreSeeds.toArray(new String[0]));
    assertEquals(2, refused.exitCode());
    assertTrue(refused.err().contains("holds this sweep with seeds [3]; pass --resume to add seeds"),
        refused.err());
    moreSeeds.add("--resume");
    Captured added = Captured.run(moreSeeds.toArray(new String[0]));
    assertEquals(1, added.exitCode(), added.out() + added.err());
    assertEquals(List.of(3L, 4L), SweepPlan.read(layout.plan()).seeds());
    assertTrue(added.out().contains("4 runs: 1 finished, 1 failed"), added.out());
    assertTrue(Files.isRegularFile(layout.run("learningRate=0.01_seed=4").resolve("summary.json")));
    assertEquals("2", readCsv(layout.csv()).get(0).get("failed"));
  }

  static String[] with(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  static List<Map<String, String>> readCsv(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.add(row);
    }
    return rows;
  }
}
