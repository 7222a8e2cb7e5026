package org.trainkit.benchmarks.mlp;

import java.nio.file.Path;
import org.trainkit.runtime.data.DataFormatException;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.data.ItemLines;
import org.trainkit.runtime.data.ItemSplit;

/** Reads {@code label<TAB>x1,x2,...} lines (what {@link Points#write} writes). */
public final class PointReader implements DatasetReader<Point> {

  @Override
  public ItemSplit split() {
    return ItemSplit.lines();
  }

  @Override
  public Point parse(ItemLines item) {
    return parse(item.file(), item.firstLine(), item.line(0));
  }

  private static Point parse(Path file, long line, String text) {
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
