package org.trainkit.runtime.metrics;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Single-label classification scores, computed as scikit-learn computes them: accuracy,
 * per-class precision / recall / F1 / support, macro-F1 (unweighted mean over classes),
 * weighted-F1 (mean weighted by support) and the confusion matrix. A division by zero gives 0
 * (scikit-learn's {@code zero_division=0}).
 *
 * <p>Classes are every label seen in gold or predictions; their order (for the per-class map
 * and the matrix rows and columns) is the order given to {@link #compute(List, List, List)}
 * followed by any other seen label in sorted order, or simply the sorted labels with {@link
 * #compute(List, List)}. A class that is predicted but never gold has support 0 and F1 0, and
 * counts in the macro average, as in scikit-learn.
 *
 * <p>Instances are immutable.
 */
public final class ClassificationMetrics {

  /**
   * Scores of one class.
   *
   * @param precision correct / predicted as this class, 0 when never predicted
   * @param recall correct / support, 0 when the class never occurs in gold
   * @param f1 harmonic mean of precision and recall, 0 when both are 0
   * @param support number of gold examples of this class
   */
  public record ClassScores(double precision, double recall, double f1, int support) {}

  private final List<String> labels;
  private final int[][] confusion;
  private final Map<String, ClassScores> perClass;
  private final int total;
  private final int correct;

  private ClassificationMetrics(List<String> labels, int[][] confusion) {
    this.labels = labels;
    this.confusion = confusion;
    int n = labels.size();
    int[] goldCount = new int[n];
    int[] predCount = new int[n];
    int sum = 0;
    int diagonal = 0;
    for (int g = 0; g < n; g++) {
      for (int p = 0; p < n; p++) {
        goldCount[g] += confusion[g][p];
        predCount[p] += confusion[g][p];
        sum += confusion[g][p];
      }
      diagonal += confusion[g][g];
    }
    Map<String, ClassScores> scores = new LinkedHashMap<>();
    for (int c = 0; c < n; c++) {
      double precision = divide(confusion[c][c], predCount[c]);
      double recall = divide(confusion[c][c], goldCount[c]);
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      scores.put(labels.get(c), new ClassScores(precision, recall, f1, goldCount[c]));
    }
    this.perClass = Collections.unmodifiableMap(scores);
    this.total = sum;
    this.correct = diagonal;
  }

  /** Scores {@code predicted} against {@code gold}, classes in sorted order. */
  public static ClassificationMetrics compute(List<String> gold, List<String> predicted) {
    return compute(gold, predicted, List.of());
  }

  /**
   * Scores {@code predicted} against {@code gold}, example by example.
   *
   * @param labelOrder classes to list first, in this order (e.g. the training label set); labels
   *     seen in the data but missing here follow in sorted order
   * @throws IllegalArgumentException if the lists differ in length or hold a null label
   */
  public static ClassificationMetrics compute(
      List<String> gold, List<String> predicted, List<String> labelOrder) {
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException(
          "gold has " + gold.size() + " labels but predicted has " + predicted.size());
    }
    Set<String> order = new LinkedHashSet<>();
    for (String label : labelOrder) {
      order.add(Objects.requireNonNull(label, "label in labelOrder"));
    }
    Set<String> others = new TreeSet<>();
    for (int i = 0; i < gold.size(); i++) {
      String g = gold.get(i);
      String p = predicted.get(i);
      if (g == null || p == null) {
        throw new IllegalArgumentException("null label at example " + i);
      }
      others.add(g);
      others.add(p);
    }
    others.removeAll(order);
    order.addAll(others);
    List<String> labels = List.copyOf(order);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      index.put(labels.get(i), i);
    }
    int[][] confusion = new int[labels.size()][labels.size()];
    for (int i = 0; i < gold.size(); i++) {
      confusion[index.get(gold.get(i))][index.get(predicted.get(i))]++;
    }
    return new ClassificationMetrics(labels, confusion);
  }

  /**
   * The names {@link #values} returns, as a {@code MetricsComputer} declares them: the overall
   * scores, and the per-label and confusion families.
   */
  public static final List<String> NAMES = List.of(
      "accuracy", "macro_f1", "weighted_f1", "precision/*", "recall/*", "f1/*", "confusion/*");

  /**
   * The scores as trainkit reports metrics: {@code accuracy}, {@code macro_f1}, {@code
   * weighted_f1}, then {@code precision/LABEL}, {@code recall/LABEL}, {@code f1/LABEL} per label
   * and the confusion matrix as {@code confusion/GOLD/PREDICTED} counts — the names the report
   * turns into its per-class table and confusion matrix.
   */
  public Map<String, Double> values() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("accuracy", accuracy());
    values.put("macro_f1", macroF1());
    values.put("weighted_f1", weightedF1());
    perClass().forEach((label, s) -> {
      values.put("precision/" + label, s.precision());
      values.put("recall/" + label, s.recall());
      values.put("f1/" + label, s.f1());
    });
    List<String> order = labels();
    int[][] confusion = confusionMatrix();
    for (int g = 0; g < order.size(); g++) {
      for (int p = 0; p < order.size(); p++) {
        values.put("confusion/" + order.get(g) + "/" + order.get(p), (double) confusion[g][p]);
      }
    }
    return values;
  }

  /** Fraction of examples whose prediction equals the gold label; 0 when there are none. */
  public double accuracy() {
    return divide(correct, total);
  }

  /** Unweighted mean of the per-class F1 values. */
  public double macroF1() {
    if (labels.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (ClassScores s : perClass.values()) {
      sum += s.f1();
    }
    return sum / labels.size();
  }

  /** Mean of the per-class F1 values weighted by support. */
  public double weightedF1() {
    double sum = 0;
    for (ClassScores s : perClass.values()) {
      sum += s.f1() * s.support();
    }
    return divide(sum, total);
  }

  /** The classes, in the order of {@link #perClass()} and of the matrix rows and columns. */
  public List<String> labels() {
    return labels;
  }

  /** Scores per class, in {@link #labels()} order. */
  public Map<String, ClassScores> perClass() {
    return perClass;
  }

  /**
   * The confusion matrix: {@code [gold][predicted]} counts, indexed like {@link #labels()}. A
   * fresh copy on each call.
   */
  public int[][] confusionMatrix() {
    int[][] copy = new int[confusion.length][];
    for (int i = 0; i < confusion.length; i++) {
      copy[i] = confusion[i].clone();
    }
    return copy;
  }

  /** Number of examples scored. */
  public int total() {
    return total;
  }

  /** A scikit-learn-style text report: one row per class, then accuracy and averages. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-14s %9s %9s %9s %9s%n", "", "precision", "recall",
        "f1-score", "support"));
    for (Map.Entry<String, ClassScores> e : perClass.entrySet()) {
      ClassScores s = e.getValue();
      out.append(String.format(Locale.ROOT, "%-14s %9.4f %9.4f %9.4f %9d%n", e.getKey(),
          s.precision(), s.recall(), s.f1(), s.support()));
    }
    out.append(String.format(Locale.ROOT, "%-14s %9s %9s %9.4f %9d%n", "accuracy", "", "",
        accuracy(), total));
    out.append(String.format(Locale.ROOT, "%-14s %9s %9s %9.4f %9d%n", "macro f1", "", "",
        macroF1(), total));
    out.append(String.format(Locale.ROOT, "%-14s %9s %9s %9.4f %9d%n", "weighted f1", "", "",
        weightedF1(), total));
    return out.toString();
  }

  private static double divide(double numerator, double denominator) {
    return denominator == 0 ? 0 : numerator / denominator;
  }
}
