package org.trainkit.runtime.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.trainkit.runtime.data.DataFormatException;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.data.ItemLines;
import org.trainkit.runtime.data.ItemSplit;

/** A seeded, separable classification problem: Gaussian clusters around random centres. */
public final class Points {

  /** One labelled point. */
  public record Point(float[] x, int label) {}

  private Points() {}

  /** {@code n} points in {@code dims} dimensions, {@code classes} clusters, from {@code seed}. */
  public static List<Point> generate(int n, int dims, int classes, long seed, long sampleSeed) {
    Random centres = new Random(seed);
    float[][] centre = new float[classes][dims];
    for (int c = 0; c < classes; c++) {
      for (int d = 0; d < dims; d++) {
        centre[c][d] = (float) (centres.nextGaussian() * 3);
      }
    }
    Random random = new Random(sampleSeed);
    List<Point> points = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int label = random.nextInt(classes);
      float[] x = new float[dims];
      for (int d = 0; d < dims; d++) {
        x[d] = centre[label][d] + (float) random.nextGaussian();
      }
      points.add(new Point(x, label));
    }
    return points;
  }

  /** Writes points as {@code label<TAB>x1,x2,...} lines. */
  public static void write(List<Point> points, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Point p : points) {
        StringBuilder line = new StringBuilder().append(p.label()).append('\t');
        for (int d = 0; d < p.x().length; d++) {
          line.append(d == 0 ? "" : ",").append(p.x()[d]);
        }
        w.write(line.append('\n').toString());
      }
    }
  }

  /** Reads what {@link #write} wrote, one point per line; a malformed line is a file:line error. */
  public static DatasetReader<Point> reader() {
    return new DatasetReader<>() {
      @Override
      public ItemSplit split() {
        return ItemSplit.lines();
      }

      @Override
      public Point parse(ItemLines item) {
        String[] parts = item.line(0).split("\t");
        if (parts.length != 2) {
          throw item.error(0, "expected label<TAB>features");
        }
        try {
          String[] values = parts[1].split(",");
          float[] x = new float[values.length];
          for (int d = 0; d < x.length; d++) {
            x[d] = Float.parseFloat(values[d]);
          }
          return new Point(x, Integer.parseInt(parts[0]));
        } catch (NumberFormatException e) {
          throw item.error(0, "not a number: " + e.getMessage());
        }
      }
    };
  }

  /** Fraction of a stream's points. */
  static long count(Stream<Point> s) {
    return s.count();
  }
}
