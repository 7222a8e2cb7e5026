package org.trainkit.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, minimum and maximum of repeated measurements. */
public record Stats(List<Double> values) {

  public Stats {
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no measurements");
    }
  }

  public static Stats of(List<Double> values) {
    return new Stats(values);
  }

  public double median() {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  public double min() {
    return Collections.min(values);
  }

  public double max() {
    return Collections.max(values);
  }

  public int count() {
    return values.size();
  }
}
