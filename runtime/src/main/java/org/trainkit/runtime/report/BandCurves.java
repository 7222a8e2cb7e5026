package org.trainkit.runtime.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;

/**
 * Curves of groups of runs (a sweep's grid points over their seeds): per iteration, the mean of a
 * quantity over a group's runs as a line, with a band of ± one sample standard deviation.
 */
public final class BandCurves {

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf)
  };

  private BandCurves() {}

  /**
   * One chart of {@code quantity} ({@code train_loss}, {@code dev_loss} or a metric), one line
   * and band per group; empty when no run has a value for it.
   *
   * @param groups each group's runs' histories, by the group's label
   */
  public static java.util.Optional<byte[]> png(String quantity, Map<String, List<History>> groups)
      throws IOException {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (Map.Entry<String, List<History>> group : groups.entrySet()) {
      Map<Integer, List<Double>> byIteration = new TreeMap<>();
      for (History history : group.getValue()) {
        for (EpochSummary s : history.iterations()) {
          double v = s.value(quantity);
          if (!Double.isNaN(v) && !Double.isInfinite(v)) {
            byIteration.computeIfAbsent(s.iteration(), i -> new ArrayList<>()).add(v);
          }
        }
      }
      if (byIteration.isEmpty()) {
        continue;
      }
      YIntervalSeries series = new YIntervalSeries(group.getKey());
      byIteration.forEach((iteration, values) -> {
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
        double std = 0;
        if (values.size() > 1) {
          double squares = 0;
          for (double v : values) {
            squares += (v - mean) * (v - mean);
          }
          std = Math.sqrt(squares / (values.size() - 1));
        }
        series.add(iteration, mean, mean - std, mean + std);
      });
      data.addSeries(series);
    }
    if (data.getSeriesCount() == 0) {
      return java.util.Optional.empty();
    }
    DeviationRenderer renderer = new DeviationRenderer(true, false);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      Color color = PALETTE[i % PALETTE.length];
      renderer.setSeriesPaint(i, color);
      renderer.setSeriesFillPaint(i, color);
      renderer.setSeriesStroke(i, new BasicStroke(2.4f));
    }
    renderer.setAlpha(0.18f);
    NumberAxis x = new NumberAxis("iteration");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis y = new NumberAxis(quantity);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    JFreeChart chart = new JFreeChart(
        quantity + " (mean \u00b1 sd over seeds)", new Font(Font.SANS_SERIF, Font.BOLD, 20),
        plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    LegendTitle legend = chart.getLegend();
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, Curves.WIDTH, Curves.HEIGHT);
    return java.util.Optional.of(png.toByteArray());
  }
}
