package org.trainkit.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trainkit.runtime.report.MetricsLogTest.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.io.HistoryJsonTest;
import org.trainkit.runtime.io.Json;
import org.trainkit.runtime.io.RunDirectory;

class RunSummaryTest {

  @TempDir Path dir;

  @Test
  void summaryHoldsBestIterationAndFinalMetrics() throws IOException {
    History history =
        new History(
            "accuracy",
            true,
            List.of(
                new EpochSummary(1, 40, 0.5, 0.45, metrics("accuracy", 0.90), 1e-3, 2.0),
                new EpochSummary(2, 80, 0.4, 0.41, metrics("accuracy", 0.94), 1e-3, 2.1),
                new EpochSummary(3, 120, 0.3, 0.43, metrics("accuracy", 0.93), 1e-3, 2.2)));
    RunSummary.write(
        dir,
        history,
        metrics("loss", 0.41, "accuracy", 0.94),
        metrics("loss", 0.44, "accuracy", Double.NaN),
        93.5);

    JsonNode root = RunSummary.read(dir);
    assertEquals(
        List.of("best", "dev", "test", "bestIteration", "seconds", "skippedBatches"),
        HistoryJsonTest.fieldNames(root));
    assertEquals(2, root.get("bestIteration").intValue());
    assertEquals(93.5, root.get("seconds").doubleValue());
    assertEquals(List.of("loss", "accuracy"), HistoryJsonTest.fieldNames(root.get("dev")));
    assertEquals(0.41, root.get("dev").get("loss").doubleValue());
    assertEquals(0.94, root.get("dev").get("accuracy").doubleValue());
    assertEquals(0.44, root.get("test").get("loss").doubleValue());
    assertTrue(root.get("test").get("accuracy").isNull());

    // "best" is the best iteration's entry exactly as history.json has it.
    HistoryJson.write(history, dir.resolve(RunDirectory.HISTORY));
    JsonNode inHistory =
        Json.readObject(dir.resolve(RunDirectory.HISTORY)).get("iterations").get(1);
    assertEquals(inHistory, root.get("best"));
    assertEquals(
        history.iterations().get(1),
        Json.parseEntry(root.get("best"), dir.resolve(RunDirectory.SUMMARY), "best"));
  }

  @Test
  void emptyMapsAndNoBestIteration() throws IOException {
    History history =
        new History(
            "dev_loss", false, List.of(new EpochSummary(1, 10, 0.5, Double.NaN, Map.of(), 0.1, 1)));
    RunSummary.write(dir, history, Map.of(), Map.of(), 1.25);

    JsonNode root = RunSummary.read(dir);
    assertTrue(root.get("best").isNull());
    assertTrue(root.get("bestIteration").isNull());
    assertTrue(root.get("dev").isObject() && root.get("dev").isEmpty());
    assertTrue(root.get("test").isObject() && root.get("test").isEmpty());
    assertEquals(1.25, root.get("seconds").doubleValue());
  }

  @Test
  void missingSummaryIsNamed() {
    IOException e = assertThrows(IOException.class, () -> RunSummary.read(dir));
    assertEquals(
        "cannot read " + dir.resolve("summary.json") + ": no such file or directory",
        e.getMessage());
  }
}
