package org.trainkit.benchmarks.mlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.trainkit.runtime.data.DataFormatException;
import org.trainkit.runtime.data.DatasetReader;

/** Reads {@code label<TAB>x1,x2,...} lines (what {@link Points#write} writes). */
public final class PointReader implements DatasetReader<Point> {

  @Override
  public Stream<Point> read(Path file) throws IOException {
    BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    int[] line = {0};
    return in.lines()
        .map(text -> parse(file, ++line[0], text))
        .onClose(() -> {
          try {
            in.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static Point parse(Path file, int line, String text) {
    int tab = text.indexOf('\t');
    try {
      if (tab < 0) {
        throw new NumberFormatException("no tab between the label and the features");
      }
      String[] fields = text.substring(tab + 1).split(",");
      if (fields.length != MlpNet.INPUTS) {
        throw new NumberFormatException(
            fields.length + " features, expected " + MlpNet.INPUTS);
      }
      float[] x = new float[fields.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = Float.parseFloat(fields[i]);
      }
      return new Point(x, Integer.parseInt(text.substring(0, tab)));
    } catch (NumberFormatException e) {
      throw new DataFormatException(file, line, e.getMessage());
    }
  }
}
