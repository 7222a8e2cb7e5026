package org.trainkit.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.Json;
import org.trainkit.runtime.io.RunDirectory;

class MetricsLogTest {

  private static final String FIXED = "iteration,globalStep,trainLoss,devLoss,learningRate,seconds";

  @TempDir Path dir;

  @Test
  void oneLineAndOneRowPerEvaluatedIteration() throws IOException {
    MetricsLog log = new MetricsLog(dir);
    assertEquals(List.of(FIXED), csv());
    assertEquals(List.of(), jsonl());

    EpochSummary first = summary(1, 40, 0.5, 0.45, metrics("accuracy", 0.9, "f1", 0.8));
    EpochSummary skipped = summary(2, 80, 0.4, Double.NaN, Map.of());
    EpochSummary third = summary(3, 120, 0.3, 0.35, metrics("accuracy", 0.95, "f1", Double.NaN));
    assertTrue(log.append(first));
    assertFalse(log.append(skipped));
    assertTrue(log.append(third));

    assertEquals(
        List.of(
            FIXED + ",accuracy,f1",
            "1,40,0.5,0.45,0.001,2.5,0.9,0.8",
            "3,120,0.3,0.35,0.001,2.5,0.95,"),
        csv());
    assertEquals(List.of(first, third), jsonlSummaries());
  }

  @Test
  void newMetricRewritesTheCsvWithAWiderHeader() throws IOException {
    MetricsLog log = new MetricsLog(dir);
    log.append(summary(1, 10, 0.5, 0.4, metrics("accuracy", 0.9)));
    log.append(summary(2, 20, 0.4, 0.3, metrics("macro_f1", 0.7, "accuracy", 0.92)));
    log.append(summary(3, 30, 0.3, 0.2, metrics("accuracy", 0.93)));

    assertEquals(
        List.of(
            FIXED + ",accuracy,macro_f1",
            "1,10,0.5,0.4,0.001,2.5,0.9,",
            "2,20,0.4,0.3,0.001,2.5,0.92,0.7",
            "3,30,0.3,0.2,0.001,2.5,0.93,"),
        csv());
    assertEquals(3, jsonl().size());
  }

  @Test
  void resumeRewritesBothFilesFromTheResumedHistory() throws IOException {
    List<EpochSummary> run = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      // A metric that only appears after the checkpoint must leave the header too.
      Map<String, Double> m =
          i <= 3 ? metrics("accuracy", 0.1 * i) : metrics("accuracy", 0.1 * i, "late", 1.0);
      run.add(summary(i, 10L * i, 1.0 / i, 0.9 / i, m));
    }
    MetricsLog log = new MetricsLog(dir);
    for (EpochSummary s : run) {
      log.append(s);
    }
    assertEquals(6, csv().size());

    History atCheckpoint = new History("dev_loss", false, run.subList(0, 3));
    MetricsLog resumed = new MetricsLog(dir, atCheckpoint);
    assertEquals(
        List.of(
            FIXED + ",accuracy",
            "1,10,1.0,0.9,0.001,2.5,0.1",
            "2,20,0.5,0.45,0.001,2.5,0.2",
            "3,30,0.3333333333333333,0.3,0.001,2.5,0.30000000000000004"),
        csv());
    assertEquals(run.subList(0, 3), jsonlSummaries());

    EpochSummary redone = summary(4, 40, 0.2, 0.21, metrics("accuracy", 0.41));
    resumed.append(redone);
    assertEquals(5, csv().size());
    assertEquals("4,40,0.2,0.21,0.001,2.5,0.41", csv().get(4));
    List<EpochSummary> expected = new ArrayList<>(run.subList(0, 3));
    expected.add(redone);
    assertEquals(expected, jsonlSummaries());
  }

  @Test
  void newRunClearsWhatAnEarlierRunLeft() throws IOException {
    Files.writeString(dir.resolve(RunDirectory.METRICS_CSV), "stale\n");
    Files.writeString(dir.resolve(RunDirectory.METRICS_JSONL), "stale\n");
    new MetricsLog(dir);
    assertEquals(List.of(FIXED), csv());
    assertEquals(List.of(), jsonl());
  }

  @Test
  void awkwardValuesAndNames() throws IOException {
    MetricsLog log = new MetricsLog(dir);
    log.append(
        new EpochSummary(
            1,
            7,
            Double.POSITIVE_INFINITY,
            1e-300,
            metrics("f1,micro", 0.5, "say \"hi\"", -0.0),
            1e-3,
            0));
    assertEquals(
        List.of(
            FIXED + ",\"f1,micro\",\"say \"\"hi\"\"\"",
            "1,7,Infinity,1.0E-300,0.001,0.0,0.5,-0.0"),
        csv());
    EpochSummary back = jsonlSummaries().get(0);
    assertEquals(Double.POSITIVE_INFINITY, back.trainLoss());
  }

  private List<String> csv() throws IOException {
    return Files.readAllLines(dir.resolve(RunDirectory.METRICS_CSV));
  }

  private List<String> jsonl() throws IOException {
    return Files.readAllLines(dir.resolve(RunDirectory.METRICS_JSONL));
  }

  private List<EpochSummary> jsonlSummaries() throws IOException {
    List<EpochSummary> summaries = new ArrayList<>();
    Path file = dir.resolve(RunDirectory.METRICS_JSONL);
    for (String line : jsonl()) {
      summaries.add(Json.parseEntry(Json.MAPPER.readTree(line), file, "line"));
    }
    return summaries;
  }

  private static EpochSummary summary(
      int iteration, long step, double trainLoss, double devLoss, Map<String, Double> metrics) {
    return new EpochSummary(iteration, step, trainLoss, devLoss, metrics, 1e-3, 2.5);
  }

  /** An ordered map from name, value pairs. */
  static Map<String, Double> metrics(Object... nameValues) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.put((String) nameValues[i], (Double) nameValues[i + 1]);
    }
    return m;
  }
}
