package org.trainkit.runtime.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How reports read structure out of flat metric names (the rules are documented for users on
 * {@link ReportCallback}):
 *
 * <ul>
 *   <li>{@code confusion/<gold>/<predicted>}: one cell of a confusion matrix, a count;
 *   <li>{@code <metric>/<class>}, split at the first {@code /}: one class's value of a metric,
 *       e.g. {@code f1/DISEASE};
 *   <li>a name without {@code /}: an overall metric, e.g. {@code accuracy}.
 * </ul>
 */
final class MetricNames {

  static final String CONFUSION_PREFIX = "confusion/";

  private MetricNames() {}

  /** A name without {@code /}: a metric over the whole data set. */
  static boolean isOverall(String name) {
    return name.indexOf('/') < 0;
  }

  /** Any name under {@code confusion/}, well formed or not: never a curve or a table row. */
  static boolean isConfusion(String name) {
    return name.startsWith(CONFUSION_PREFIX);
  }

  /** {@code <metric>/<class>} with both parts non-empty, and not a confusion cell. */
  static boolean isPerClass(String name) {
    int slash = name.indexOf('/');
    return slash > 0 && slash < name.length() - 1 && !isConfusion(name);
  }

  /** The metric part of a per-class name: {@code f1} of {@code f1/DISEASE}. */
  static String metricOf(String perClassName) {
    return perClassName.substring(0, perClassName.indexOf('/'));
  }

  /** The class part of a per-class name: {@code DISEASE} of {@code f1/DISEASE}. */
  static String classOf(String perClassName) {
    return perClassName.substring(perClassName.indexOf('/') + 1);
  }

  /** The overall metrics of {@code metrics}, in its order. */
  static Map<String, Double> overall(Map<String, Double> metrics) {
    Map<String, Double> overall = new LinkedHashMap<>();
    metrics.forEach((name, value) -> {
      if (isOverall(name)) {
        overall.put(name, value);
      }
    });
    return overall;
  }

  /**
   * Per-class values as a table: metrics and classes in the order first seen.
   *
   * @param values {@code values.get(class).get(metric)}; a missing cell has no entry
   */
  record PerClass(
      List<String> metrics, List<String> classes, Map<String, Map<String, Double>> values) {

    static PerClass of(Map<String, Double> metrics) {
      Set<String> metricNames = new LinkedHashSet<>();
      Map<String, Map<String, Double>> values = new LinkedHashMap<>();
      metrics.forEach((name, value) -> {
        if (isPerClass(name)) {
          metricNames.add(metricOf(name));
          values.computeIfAbsent(classOf(name), c -> new LinkedHashMap<>())
              .put(metricOf(name), value);
        }
      });
      return new PerClass(
          List.copyOf(metricNames), List.copyOf(values.keySet()), values);
    }

    boolean isEmpty() {
      return classes.isEmpty();
    }
  }

  /**
   * A confusion matrix: {@code counts[gold][predicted]} over {@code labels}, the labels in the
   * order first seen as gold or predicted.
   */
  record Confusion(List<String> labels, double[][] counts) {

    static Confusion of(Map<String, Double> metrics) {
      List<String[]> cells = new ArrayList<>();
      Set<String> labels = new LinkedHashSet<>();
      for (Map.Entry<String, Double> metric : metrics.entrySet()) {
        String name = metric.getKey();
        if (!isConfusion(name)) {
          continue;
        }
        // -1 keeps empty parts, so "confusion/a/" is refused rather than read as "a → (none)".
        String[] parts = name.substring(CONFUSION_PREFIX.length()).split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
          continue;
        }
        labels.add(parts[0]);
        labels.add(parts[1]);
        cells.add(parts);
      }
      List<String> order = List.copyOf(labels);
      double[][] counts = new double[order.size()][order.size()];
      for (String[] cell : cells) {
        double value = metrics.get(CONFUSION_PREFIX + cell[0] + "/" + cell[1]);
        counts[order.indexOf(cell[0])][order.indexOf(cell[1])] = value;
      }
      return new Confusion(order, counts);
    }

    boolean isEmpty() {
      return labels.isEmpty();
    }
  }
}
