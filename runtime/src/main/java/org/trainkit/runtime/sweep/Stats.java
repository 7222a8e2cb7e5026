package org.trainkit.runtime.sweep;

import java.util.List;

/**
 * The mean and the sample standard deviation (n − 1 in the denominator) of a few values, in
 * the order given; NaN values are left out. With one value the deviation is NaN (unknown).
 *
 * @param n how many values there were
 */
public record Stats(int n, double mean, double std) {

  public static Stats of(List<Double> values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    if (n == 0) {
      return new Stats(0, Double.NaN, Double.NaN);
    }
    double mean = sum / n;
    if (n == 1) {
      return new Stats(1, mean, Double.NaN);
    }
    double squares = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        squares += (v - mean) * (v - mean);
      }
    }
    return new Stats(n, mean, Math.sqrt(squares / (n - 1)));
  }
}
