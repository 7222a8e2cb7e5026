package org.trainkit.runtime.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.AtomicFiles;
import org.trainkit.runtime.provenance.RunProvenance;
import org.trainkit.runtime.report.RunFiles.RunContents;

/**
 * Compares runs side by side: {@code compare RUN_DIR… [--html FILE]} prints a table of each
 * run's best iteration — rows are quantities, columns are runs — and can write one
 * self-contained HTML page with the same table and the runs' curves overlaid, one chart per
 * quantity and one line per run.
 *
 * <p>Rows: the monitored quantity, the best iteration, the number of iterations, then the train
 * loss, dev loss and every overall metric at each run's best iteration, then the test loss and
 * overall test metrics from {@code summary.json} as {@code test <name>}, and the run time.
 * Per-class values and confusion cells (names with a {@code /}, see {@link ReportCallback}) are
 * left out: with a few dozen classes they would bury the comparison; each run's {@code
 * report.html} has them. A value a run does not have is shown as {@code -}. A run still
 * going on can be compared too: its history is then read from {@code metrics.jsonl} or its
 * last checkpoint, whichever is newer than {@code history.json}.
 */
public final class CompareRuns {

  /** Exit code: done. */
  public static final int OK = 0;
  /** Exit code: a run directory could not be read or the page not written. */
  public static final int FAILED = 1;
  /** Exit code: wrong arguments, e.g. a directory that is not a run directory. */
  public static final int USAGE = 2;

  private static final String USAGE_TEXT =
      "usage: compare RUN_DIR... [--html FILE]\n"
          + "  Prints the best metrics of each run side by side; with --html, also writes one\n"
          + "  page overlaying the runs' learning curves.";

  private CompareRuns() {}

  /**
   * The side-by-side table as text, one line per quantity and a column per run, ending with a
   * line feed.
   *
   * @throws IOException naming the directory that is not a run directory, or the file that
   *     cannot be read
   */
  public static String table(List<Path> runDirs) throws IOException {
    return text(Table.of(read(runDirs)));
  }

  /**
   * Writes one self-contained page comparing the runs (the table and the overlaid curves) to
   * {@code htmlFile}, atomically, creating its directory if needed.
   *
   * @throws IOException naming the directory that is not a run directory, or the file that
   *     cannot be read or written
   */
  public static void writeHtml(List<Path> runDirs, Path htmlFile) throws IOException {
    writePage(read(runDirs), htmlFile);
  }

  /** {@code compare RUN_DIR… [--html FILE]}; exits with {@link #run}'s code. */
  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Runs {@code compare} with {@code args} (the run directories and options, without the word
   * {@code compare}).
   *
   * @return {@link #OK}, {@link #USAGE} for wrong arguments (with one message on {@code err}),
   *     or {@link #FAILED} when a file cannot be read or written
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    List<Path> dirs = new ArrayList<>();
    Path html = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("-h") || arg.equals("--help")) {
          out.println(USAGE_TEXT);
          return OK;
        } else if (arg.equals("--html")) {
          if (i + 1 >= args.length) {
            return usage(err, "--html needs a file name");
          }
          html = Path.of(args[++i]);
        } else if (arg.startsWith("--html=")) {
          html = Path.of(arg.substring("--html=".length()));
        } else if (arg.startsWith("-") && !arg.equals("-")) {
          return usage(err, "unknown option " + arg);
        } else {
          dirs.add(Path.of(arg));
        }
      }
    } catch (InvalidPathException e) {
      return usage(err, "not a valid path: " + e.getInput());
    }
    if (dirs.isEmpty()) {
      return usage(err, "give at least one run directory");
    }
    for (Path dir : dirs) {
      Optional<String> problem = RunFiles.problem(dir);
      if (problem.isPresent()) {
        return usage(err, problem.get());
      }
    }
    try {
      List<RunContents> runs = read(dirs);
      out.print(text(Table.of(runs)));
      if (html != null) {
        writePage(runs, html);
        out.println("wrote " + html);
      }
      out.flush();
      return OK;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return FAILED;
    }
  }

  private static int usage(PrintStream err, String message) {
    err.println("error: " + message);
    err.println(USAGE_TEXT);
    return USAGE;
  }

  private static List<RunContents> read(List<Path> runDirs) throws IOException {
    if (runDirs.isEmpty()) {
      throw new IOException("no run directory to compare");
    }
    List<RunContents> runs = new ArrayList<>(runDirs.size());
    for (Path dir : runDirs) {
      runs.add(RunFiles.read(dir));
    }
    return runs;
  }

  /** Column labels: each directory's name, with its parent's when two names are the same. */
  static List<String> labels(List<Path> dirs) {
    List<String> labels = new ArrayList<>();
    for (Path dir : dirs) {
      labels.add(tail(dir, 1));
    }
    Set<String> seen = new HashSet<>();
    Set<String> repeated = new HashSet<>();
    labels.forEach(l -> {
      if (!seen.add(l)) {
        repeated.add(l);
      }
    });
    Set<String> used = new HashSet<>();
    for (int i = 0; i < labels.size(); i++) {
      String label = repeated.contains(labels.get(i)) ? tail(dirs.get(i), 2) : labels.get(i);
      String unique = label;
      for (int n = 2; !used.add(unique); n++) {
        unique = label + " #" + n;
      }
      labels.set(i, unique);
    }
    return labels;
  }

  private static String tail(Path dir, int names) {
    Path path = dir.toAbsolutePath().normalize();
    int count = path.getNameCount();
    return count == 0
        ? path.toString()
        : path.subpath(Math.max(0, count - names), count).toString();
  }

  /** The comparison: a label per run, and rows of formatted values. */
  record Table(List<String> columns, List<String> rows, List<List<String>> cells) {

    static Table of(List<RunContents> runs) throws IOException {
      List<Path> dirs = new ArrayList<>();
      runs.forEach(r -> dirs.add(r.directory()));
      Set<String> metrics = new LinkedHashSet<>();
      Set<String> tests = new LinkedHashSet<>();
      for (RunContents run : runs) {
        EpochSummary best = run.history().best();
        if (best != null) {
          best.metrics().keySet().stream().filter(MetricNames::isOverall).forEach(metrics::add);
        }
        run.test().keySet().stream().filter(MetricNames::isOverall).forEach(tests::add);
      }
      Map<String, List<String>> rows = new LinkedHashMap<>();
      for (RunContents run : runs) {
        History history = run.history();
        EpochSummary best = history.best();
        add(rows, "monitor",
            history.monitor() + (history.higherIsBetter() ? " (max)" : " (min)"));
        add(rows, "best iteration", best == null ? "-" : Integer.toString(best.iteration()));
        add(rows, "iterations", Integer.toString(history.iterations().size()));
        add(rows, "train_loss", best == null ? "-" : value(best.trainLoss()));
        add(rows, "dev_loss", best == null ? "-" : value(best.devLoss()));
        for (String metric : metrics) {
          Double v = best == null ? null : best.metrics().get(metric);
          add(rows, metric, v == null ? "-" : value(v));
        }
        for (String metric : tests) {
          Double v = run.test().get(metric);
          add(rows, "test " + metric, v == null ? "-" : value(v));
        }
        add(rows, "seconds", Double.isNaN(run.seconds())
            ? "-"
            : String.format(Locale.ROOT, "%.1f", run.seconds()));
      }
      List<String> labels = labels(dirs);
      addProvenanceDifferences(rows, labels, dirs);
      return new Table(labels, List.copyOf(rows.keySet()), List.copyOf(rows.values()));
    }

    /** One row per provenance field that is not the same in every run ("provenance: ..."). */
    private static void addProvenanceDifferences(
        Map<String, List<String>> rows, List<String> labels, List<Path> dirs) throws IOException {
      Map<String, Map<String, String>> fields = new LinkedHashMap<>();
      for (int i = 0; i < dirs.size(); i++) {
        fields.put(labels.get(i), RunProvenance.latestFields(dirs.get(i)));
      }
      RunProvenance.differing(fields).forEach((field, values) -> rows.put(
          "provenance: " + field, new ArrayList<>(values)));
    }

    private static void add(Map<String, List<String>> rows, String row, String value) {
      rows.computeIfAbsent(row, r -> new ArrayList<>()).add(value);
    }

    private static String value(double v) {
      return Double.isNaN(v) ? "-" : Html.number(v);
    }
  }

  private static String text(Table table) {
    int first = "metric".length();
    for (String row : table.rows()) {
      first = Math.max(first, row.length());
    }
    int[] widths = new int[table.columns().size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = table.columns().get(c).length();
      for (List<String> row : table.cells()) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(pad("metric", first, false));
    for (int c = 0; c < widths.length; c++) {
      out.append("  ").append(pad(table.columns().get(c), widths[c], true));
    }
    out.append('\n');
    for (int r = 0; r < table.rows().size(); r++) {
      out.append(pad(table.rows().get(r), first, false));
      for (int c = 0; c < widths.length; c++) {
        out.append("  ").append(pad(table.cells().get(r).get(c), widths[c], true));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String pad(String text, int width, boolean right) {
    String spaces = " ".repeat(Math.max(0, width - text.length()));
    return right ? spaces + text : text + spaces;
  }

  private static void writePage(List<RunContents> runs, Path htmlFile) throws IOException {
    Table table = Table.of(runs);
    StringBuilder body = new StringBuilder();

    StringBuilder list = new StringBuilder("<table>\n<tr><th>run</th><th>directory</th>"
        + "<th>status</th></tr>\n");
    for (int i = 0; i < runs.size(); i++) {
      RunContents run = runs.get(i);
      list.append("<tr><td>").append(Html.escape(table.columns().get(i))).append("</td><td><code>")
          .append(Html.escape(run.directory().toAbsolutePath().normalize().toString()))
          .append("</code></td><td>")
          .append(Html.escape(
              run.finished() ? RunReport.finishedStatus(run.seconds()) : "unfinished"))
          .append("</td></tr>\n");
    }
    Html.section(body, "runs", "Runs", list.append("</table>\n"));

    StringBuilder best = new StringBuilder("<table>\n<tr><th>metric</th>");
    table.columns().forEach(
        c -> best.append("<th class=\"num\">").append(Html.escape(c)).append("</th>"));
    best.append("</tr>\n");
    for (int r = 0; r < table.rows().size(); r++) {
      best.append("<tr><td>").append(Html.escape(table.rows().get(r))).append("</td>");
      table.cells().get(r).forEach(
          v -> best.append("<td class=\"num\">").append(Html.escape(v)).append("</td>"));
      best.append("</tr>\n");
    }
    Html.section(body, "table", "Best iteration of each run", best.append("</table>\n"));

    Map<String, History> histories = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      histories.put(table.columns().get(i), runs.get(i).history());
    }
    StringBuilder charts = new StringBuilder("<div class=\"charts\">\n");
    for (Curves.Chart chart : Curves.overlay(histories)) {
      charts.append("<figure>")
          .append(Html.img(Curves.png(chart), chart.title(), Curves.WIDTH, Curves.HEIGHT))
          .append("</figure>\n");
    }
    Html.section(body, "curves", "Learning curves", charts.append("</div>\n"));

    String title = "trainkit: comparing " + runs.size() + (runs.size() == 1 ? " run" : " runs");
    String page = Html.page(title, String.join(" \u00b7 ", table.columns()), body);
    AtomicFiles.write(htmlFile, page.getBytes(StandardCharsets.UTF_8));
  }
}
