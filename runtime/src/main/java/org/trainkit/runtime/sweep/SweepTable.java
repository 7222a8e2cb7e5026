package org.trainkit.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.provenance.RunProvenance;
import org.trainkit.runtime.report.RunSummary;
import org.trainkit.runtime.sweep.RunState.Status;

/**
 * A sweep's results, read from its run directories alone: one row per grid point with, over its
 * finished seeds, the mean and sample standard deviation of the best monitored value, of each dev
 * metric of the best checkpoint ({@code summary.json}'s {@code dev}) and of each test metric
 * ({@code test}); the best point by the monitor's mean; the failed runs with their messages; and
 * the provenance fields that differ between finished runs.
 *
 * @param monitor the monitored quantity (e.g. {@code dev_loss})
 * @param higherIsBetter whether the monitor's best is its maximum
 * @param columns the metric columns, e.g. {@code dev_loss}, {@code dev_accuracy}, {@code test_accuracy}
 * @param rows one per grid point, in plan order
 * @param best the index of the best row, or -1 when no point has a finished run
 * @param failures failed runs' messages, by run name
 * @param provenance provenance fields that differ between finished runs: run name → value
 */
public record SweepTable(
    String monitor,
    boolean higherIsBetter,
    List<String> grid,
    List<String> columns,
    List<Row> rows,
    int best,
    Map<String, String> failures,
    Map<String, Map<String, String>> provenance) {

  /**
   * One grid point.
   *
   * @param histories the finished seeds' histories, by run name (for curves)
   */
  public record Row(
      String point,
      Map<String, String> settings,
      int planned,
      int finished,
      int failed,
      Stats monitor,
      Map<String, Stats> metrics,
      Map<String, History> histories) {}

  /** Reads the sweep in {@code layout}, whose plan is {@code plan}. */
  public static SweepTable read(SweepLayout layout, SweepPlan plan) throws IOException {
    Map<String, List<PlannedRun>> byPoint = new LinkedHashMap<>();
    plan.runs().forEach(r -> byPoint.computeIfAbsent(r.point(), p -> new ArrayList<>()).add(r));
    String monitor = plan.baseValue("monitor");
    Boolean higher = null;
    Set<String> columns = new LinkedHashSet<>();
    Map<String, String> failures = new LinkedHashMap<>();
    Map<String, Map<String, String>> provenance = new LinkedHashMap<>();
    record Finished(Map<String, Double> metrics, History history) {}
    Map<String, Map<String, Finished>> finishedByPoint = new LinkedHashMap<>();
    for (Map.Entry<String, List<PlannedRun>> point : byPoint.entrySet()) {
      Map<String, Finished> finished = new LinkedHashMap<>();
      for (PlannedRun run : point.getValue()) {
        RunState state = RunState.of(layout, run);
        if (state.status() == Status.FAILED) {
          failures.put(run.name(), state.failure());
        }
        if (state.status() != Status.FINISHED) {
          continue;
        }
        Path dir = layout.run(run.name());
        JsonNode summary = RunSummary.read(dir);
        Map<String, Double> metrics = new LinkedHashMap<>();
        overall(summary.path("dev"), "dev_", metrics);
        overall(summary.path("test"), "test_", metrics);
        columns.addAll(metrics.keySet());
        History history = HistoryJson.read(RunDirectory.at(dir).history());
        monitor = history.monitor();
        higher = higher != null ? higher : history.higherIsBetter();
        finished.put(run.name(), new Finished(metrics, history));
        Map<String, String> fields = RunProvenance.latestFields(dir);
        fields.remove("seed"); // differs by design: the seeds are the table's own axis
        provenance.put(run.name(), fields);
      }
      finishedByPoint.put(point.getKey(), finished);
    }
    List<Row> rows = new ArrayList<>();
    int best = -1;
    boolean higherIsBetter = higher != null && higher;
    for (Map.Entry<String, List<PlannedRun>> point : byPoint.entrySet()) {
      Map<String, Finished> finished = finishedByPoint.get(point.getKey());
      List<Double> monitored = new ArrayList<>();
      Map<String, History> histories = new LinkedHashMap<>();
      finished.forEach((name, f) -> {
        monitored.add(f.history().bestValue());
        histories.put(name, f.history());
      });
      Map<String, Stats> metrics = new LinkedHashMap<>();
      for (String column : columns) {
        List<Double> values = new ArrayList<>();
        finished.values().forEach(f -> values.add(f.metrics().getOrDefault(column, Double.NaN)));
        metrics.put(column, Stats.of(values));
      }
      int failed = (int) point.getValue().stream()
          .filter(r -> failures.containsKey(r.name())).count();
      Row row = new Row(point.getKey(), point.getValue().get(0).settings(),
          point.getValue().size(), finished.size(), failed, Stats.of(monitored), metrics,
          histories);
      rows.add(row);
      double mean = row.monitor().mean();
      if (!Double.isNaN(mean) && (best < 0 || (higherIsBetter
          ? mean > rows.get(best).monitor().mean() : mean < rows.get(best).monitor().mean()))) {
        best = rows.size() - 1;
      }
    }
    return new SweepTable(monitor == null ? "dev_loss" : monitor, higherIsBetter,
        List.copyOf(plan.grid().keySet()), List.copyOf(columns), rows, best, failures,
        RunProvenance.differing(provenance).isEmpty() ? Map.of() : byField(provenance));
  }

  /** The differing fields, each with its value per run. */
  private static Map<String, Map<String, String>> byField(Map<String, Map<String, String>> runs) {
    Map<String, List<String>> differing = RunProvenance.differing(runs);
    List<String> names = new ArrayList<>(runs.keySet());
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    differing.forEach((field, values) -> {
      Map<String, String> perRun = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        perRun.put(names.get(i), values.get(i));
      }
      out.put(field, perRun);
    });
    return out;
  }

  /** Metrics over a whole data set (names without '/'), prefixed; null (NaN) as NaN. */
  private static void overall(JsonNode metrics, String prefix, Map<String, Double> into) {
    Iterator<Map.Entry<String, JsonNode>> fields = metrics.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().indexOf('/') < 0) {
        JsonNode v = field.getValue();
        into.put(prefix + field.getKey(), v.isNumber() ? v.asDouble()
            : v.isTextual() ? parse(v.asText()) : Double.NaN);
      }
    }
  }

  private static double parse(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
