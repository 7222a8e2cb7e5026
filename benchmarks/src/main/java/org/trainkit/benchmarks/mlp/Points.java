package org.trainkit.benchmarks.mlp;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The MLP benchmark's data: seeded Gaussian clusters, one per class. */
public final class Points {

  private Points() {}

  /** {@code n} points of {@link MlpNet#INPUTS} features in {@link MlpNet#CLASSES} clusters. */
  public static List<Point> generate(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] centres = new float[MlpNet.CLASSES][MlpNet.INPUTS];
    for (float[] centre : centres) {
      for (int d = 0; d < centre.length; d++) {
        centre[d] = (float) (gaussian(random) * 2);
      }
    }
    List<Point> points = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int label = random.nextInt(MlpNet.CLASSES);
      float[] x = new float[MlpNet.INPUTS];
      for (int d = 0; d < x.length; d++) {
        x[d] = centres[label][d] + (float) gaussian(random);
      }
      points.add(new Point(x, label));
    }
    return points;
  }

  /** Writes {@code label<TAB>x1,x2,...} lines, what {@link PointReader} reads. */
  public static void write(List<Point> points, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Point p : points) {
        StringBuilder line = new StringBuilder().append(p.label()).append('\t');
        for (int d = 0; d < p.x().length; d++) {
          line.append(d == 0 ? "" : ",").append(p.x()[d]);
        }
        out.write(line.append('\n').toString());
      }
    }
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
