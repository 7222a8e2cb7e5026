package org.trainkit.runtime.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.AtomicFiles;
import org.trainkit.runtime.io.RunDirectory;

/**
 * Learning curves as PNG images, drawn with JFreeChart, {@value #WIDTH}×{@value #HEIGHT} pixels,
 * the iteration on the x axis. For a run, {@link #write} draws into {@code curves/}:
 *
 * <ul>
 *   <li>{@code loss.png}: train and dev loss;
 *   <li>{@code <metric>.png}: each overall metric (a name without {@code /});
 *   <li>{@code <metric>_per_class.png}: the per-class values {@code <metric>/<class>}, one line
 *       per class (the first {@value #MAX_CLASS_SERIES} classes); not for {@code support} and
 *       {@code count}, which are sizes of the data rather than results of training;
 *   <li>{@code learning_rate.png}.
 * </ul>
 *
 * A dashed line marks the best iteration. Characters of a metric name other than letters,
 * digits, {@code .}, {@code _} and {@code -} become {@code _} in its file name. Confusion-matrix
 * cells ({@code confusion/…}) get no curve. Values that are absent (NaN, e.g. the dev loss of an
 * iteration that was not evaluated) are left out of a line rather than drawn as gaps.
 *
 * <p>Drawing needs no display: unless {@code java.awt.headless} was set by the user, it is set to
 * {@code true} before AWT is first used here.
 */
public final class Curves {

  static {
    // Before any AWT class is touched: on a server without a display AWT would otherwise try to
    // reach an X server. A value the user set (either way) is left alone.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Width of every curve image, in pixels. */
  public static final int WIDTH = 800;
  /** Height of every curve image, in pixels. */
  public static final int HEIGHT = 500;
  /** The folder of the curve images, inside the run directory. */
  /** Per-class charts draw at most this many classes; more lines could not be told apart. */
  public static final int MAX_CLASS_SERIES = 12;

  /** Lines with at most this many points also show a dot at each point. */
  private static final int MAX_POINTS_WITH_SHAPES = 40;

  /** Tableau 10: distinct colours that stay distinct for most colour-blind readers. */
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf)
  };

  private Curves() {}

  /** One line: its name in the legend and its points. */
  record Series(String name, double[] x, double[] y) {

    int size() {
      return x.length;
    }
  }

  /**
   * One chart.
   *
   * @param file the file name under {@code curves/} (unused for pages that only inline it)
   * @param bestIteration where to draw the best-iteration marker; NaN for none
   * @param note a subtitle, or null
   * @param learningRate whether the values are learning rates, drawn on a log scale when they
   *     span a factor of ten or more (decays, and runs with different rates, stay readable)
   */
  record Chart(
      String file, String title, String yLabel, List<Series> series, double bestIteration,
      String note, boolean learningRate) {

    Chart(String file, String title, String yLabel, List<Series> series, double bestIteration,
        String note) {
      this(file, title, yLabel, series, bestIteration, note, false);
    }
  }

  /**
   * Draws the curves of {@code history} and writes them to {@code runDirectory/curves/}, each
   * file atomically, so that a reader watching a running job never sees half an image.
   *
   * @return the images, by their path relative to the run directory (e.g. {@code
   *     curves/loss.png}), in the order a report shows them
   */
  public static Map<String, byte[]> write(History history, Path runDirectory) throws IOException {
    Map<String, byte[]> images = new LinkedHashMap<>();
    for (Chart chart : forRun(history)) {
      byte[] png = png(chart);
      String relative = RunDirectory.CURVES + "/" + chart.file();
      AtomicFiles.write(RunDirectory.at(runDirectory).curves().resolve(chart.file()), png);
      images.put(relative, png);
    }
    return images;
  }

  /** The charts of one run: loss, each metric, per-class metrics, learning rate. */
  static List<Chart> forRun(History history) {
    double best =
        history.bestIteration().isPresent() ? history.bestIteration().getAsInt() : Double.NaN;
    List<EpochSummary> its = history.iterations();
    List<Chart> charts = new ArrayList<>();
    Set<String> files = new HashSet<>();

    List<Series> loss = new ArrayList<>();
    loss.add(series("train", its, EpochSummary::trainLoss));
    loss.add(series("dev", its, EpochSummary::devLoss));
    loss.removeIf(s -> s.size() == 0);
    charts.add(new Chart(unique(files, "loss"), "Loss", "loss", loss, best, null));

    Map<String, Map<String, Boolean>> perClass = new LinkedHashMap<>();
    for (String name : metricNames(its)) {
      if (MetricNames.isOverall(name)) {
        Series s = series(name, its, e -> e.value(name));
        charts.add(new Chart(unique(files, fileStem(name)), name, name, List.of(s), best, null));
      } else if (MetricNames.isPerClass(name) && !isCount(MetricNames.metricOf(name))) {
        perClass.computeIfAbsent(MetricNames.metricOf(name), m -> new LinkedHashMap<>())
            .put(MetricNames.classOf(name), true);
      }
    }
    perClass.forEach((metric, classes) -> {
      List<Series> lines = new ArrayList<>();
      for (String c : classes.keySet()) {
        if (lines.size() == MAX_CLASS_SERIES) {
          break;
        }
        String name = metric + "/" + c;
        lines.add(series(c, its, e -> e.metrics().getOrDefault(name, Double.NaN)));
      }
      String note = classes.size() > MAX_CLASS_SERIES
          ? "first " + MAX_CLASS_SERIES + " of " + classes.size() + " classes"
          : null;
      charts.add(new Chart(
          unique(files, fileStem(metric) + "_per_class"), metric + " per class", metric, lines,
          best, note));
    });

    Series lr = series("learning rate", its, EpochSummary::learningRate);
    charts.add(new Chart(unique(files, "learning_rate"), "Learning rate", "learning rate",
        List.of(lr), best, null, true));
    return charts;
  }

  /**
   * Charts overlaying several runs, one line per run: train loss, dev loss, each overall metric
   * any run has, learning rate. A quantity no run has a value for is left out.
   *
   * @param runs histories by the label their lines get, in legend order
   */
  static List<Chart> overlay(Map<String, History> runs) {
    Set<String> metrics = new LinkedHashSet<>();
    runs.values().forEach(h -> metricNames(h.iterations()).forEach(name -> {
      if (MetricNames.isOverall(name)) {
        metrics.add(name);
      }
    }));
    List<String> quantities = new ArrayList<>();
    quantities.add("train_loss");
    quantities.add("dev_loss");
    quantities.addAll(metrics);
    quantities.add("learning_rate");

    List<Chart> charts = new ArrayList<>();
    Set<String> files = new HashSet<>();
    for (String quantity : quantities) {
      List<Series> lines = new ArrayList<>();
      runs.forEach((label, history) -> {
        Series s = series(label, history.iterations(), e -> quantity.equals("learning_rate")
            ? e.learningRate()
            : e.value(quantity));
        if (s.size() > 0) {
          lines.add(s);
        }
      });
      if (!lines.isEmpty()) {
        charts.add(new Chart(
            unique(files, fileStem(quantity)), quantity, quantity, lines, Double.NaN, null,
            quantity.equals("learning_rate")));
      }
    }
    return charts;
  }

  /** A per-class quantity that counts examples: the same every evaluation, so no curve. */
  private static boolean isCount(String metric) {
    return metric.equals("support") || metric.equals("count");
  }

  /** Metric names of every iteration, in the order first seen. */
  private static Set<String> metricNames(List<EpochSummary> iterations) {
    Set<String> names = new LinkedHashSet<>();
    iterations.forEach(s -> names.addAll(s.metrics().keySet()));
    return names;
  }

  private interface Value {
    double of(EpochSummary summary);
  }

  private static Series series(String name, List<EpochSummary> iterations, Value value) {
    double[] x = new double[iterations.size()];
    double[] y = new double[iterations.size()];
    int n = 0;
    for (EpochSummary s : iterations) {
      double v = value.of(s);
      // Infinite values would stretch the axis until every other point is flat; leave them out
      // like absent ones.
      if (Double.isFinite(v)) {
        x[n] = s.iteration();
        y[n] = v;
        n++;
      }
    }
    return new Series(name, Arrays.copyOf(x, n), Arrays.copyOf(y, n));
  }

  /** A file name safe on every file system, from a metric name. */
  static String fileStem(String name) {
    String stem = name.replaceAll("[^A-Za-z0-9._-]", "_");
    // A leading dot would hide the file; AtomicFiles' temporaries start with one too.
    return stem.startsWith(".") ? "_" + stem.substring(1) : stem;
  }

  private static String unique(Set<String> used, String stem) {
    String file = stem + ".png";
    for (int i = 2; !used.add(file.toLowerCase(Locale.ROOT)); i++) {
      // Case-insensitive, for file systems that are: "F1" and "f1" must not overwrite each other.
      file = stem + "_" + i + ".png";
    }
    return file;
  }

  /** Draws a chart as a PNG image of {@link #WIDTH}×{@link #HEIGHT} pixels. */
  static byte[] png(Chart chart) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    Set<String> keys = new HashSet<>();
    for (Series s : chart.series()) {
      // Series keys must be unique within a collection; two lines may share a label.
      String key = s.name();
      for (int i = 2; !keys.add(key); i++) {
        key = s.name() + " (" + i + ")";
      }
      XYSeries xy = new XYSeries(key, false, true);
      for (int i = 0; i < s.size(); i++) {
        xy.add(s.x()[i], s.y()[i]);
      }
      data.addSeries(xy);
    }

    NumberAxis xAxis = new NumberAxis("iteration");
    xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    xAxis.setAutoRangeIncludesZero(false);
    ValueAxis yAxis;
    if (chart.learningRate() && wide(chart)) {
      LogAxis log = new LogAxis(chart.yLabel());
      log.setNumberFormatOverride(
          new DecimalFormat("0.#E0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
      log.setUpperMargin(0.12);
      yAxis = log;
    } else {
      NumberAxis linear = new NumberAxis(chart.yLabel());
      linear.setAutoRangeIncludesZero(false);
      // Room above the highest point for the best-iteration label.
      linear.setUpperMargin(0.12);
      flatRange(chart, linear);
      yAxis = linear;
    }
    for (ValueAxis axis : List.of(xAxis, yAxis)) {
      // Large for an 800-pixel image: reports show it at about two thirds of its width.
      axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
      axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
      axis.setLabelPaint(new Color(0x57606a));
      axis.setTickLabelPaint(new Color(0x57606a));
      axis.setAxisLinePaint(new Color(0x8c959f));
    }

    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    int maxPoints = chart.series().stream().mapToInt(Series::size).max().orElse(0);
    for (int i = 0; i < chart.series().size(); i++) {
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      renderer.setSeriesStroke(
          i, new BasicStroke(2.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      // A line of one point is invisible without its dot.
      boolean shapes = maxPoints <= MAX_POINTS_WITH_SHAPES || chart.series().get(i).size() == 1;
      renderer.setSeriesShapesVisible(i, shapes);
      renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
    }

    XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setDomainGridlinePaint(new Color(0xe1e4e8));
    plot.setRangeGridlinePaint(new Color(0xe1e4e8));
    plot.setDomainGridlineStroke(new BasicStroke(1f));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
    plot.setNoDataMessage("no values yet");
    plot.setNoDataMessageFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    if (!Double.isNaN(chart.bestIteration())) {
      ValueMarker marker = new ValueMarker(chart.bestIteration());
      marker.setPaint(new Color(0x8c959f));
      marker.setStroke(new BasicStroke(
          1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
      marker.setLabel("best");
      marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
      marker.setLabelPaint(new Color(0x57606a));
      marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
      marker.setLabelOffset(new RectangleInsets(4, 6, 4, 6));
      // The label goes on the side of the line with more room, so it is never cut at an edge.
      if (chart.bestIteration() > domainMiddle(chart)) {
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
      } else {
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      }
      plot.addDomainMarker(marker);
    }

    JFreeChart jfree =
        new JFreeChart(chart.title(), new Font(Font.SANS_SERIF, Font.BOLD, 22), plot, false);
    jfree.setBackgroundPaint(Color.WHITE);
    jfree.setPadding(new RectangleInsets(6, 6, 6, 12));
    jfree.getRenderingHints().put(
        RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    jfree.getRenderingHints().put(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    if (chart.note() != null) {
      TextTitle note = new TextTitle(chart.note(), new Font(Font.SANS_SERIF, Font.PLAIN, 16));
      note.setPaint(new Color(0x57606a));
      jfree.addSubtitle(note);
    }
    if (chart.series().size() > 1) {
      LegendTitle legend = new LegendTitle(plot);
      legend.setPosition(RectangleEdge.BOTTOM);
      legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17));
      legend.setFrame(BlockBorder.NONE);
      jfree.addLegend(legend);
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    ChartUtils.writeChartAsPNG(out, jfree, WIDTH, HEIGHT);
    return out.toByteArray();
  }

  /**
   * Gives a flat line (a constant learning rate, say) a range of ±25% around its value: left to
   * itself the axis zooms into rounding noise and labels every tick with the same number.
   */
  private static void flatRange(Chart chart, NumberAxis yAxis) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : chart.series()) {
      for (double y : s.y()) {
        min = Math.min(min, y);
        max = Math.max(max, y);
      }
    }
    if (min > max) {
      return; // no points
    }
    double scale = Math.max(Math.abs(min), Math.abs(max));
    if (max - min <= 1e-9 * scale) {
      double half = scale == 0 ? 1 : scale * 0.25;
      yAxis.setRange(min - half, max + half);
    }
  }

  /** All values positive and spanning at least a factor of ten. */
  private static boolean wide(Chart chart) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : chart.series()) {
      for (double y : s.y()) {
        min = Math.min(min, y);
        max = Math.max(max, y);
      }
    }
    return min > 0 && max >= 10 * min;
  }

  private static double domainMiddle(Chart chart) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : chart.series()) {
      for (double x : s.x()) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
    return min > max ? chart.bestIteration() : (min + max) / 2;
  }
}
