package org.trainkit.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.AtomicFiles;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.provenance.RunProvenance;
import org.trainkit.runtime.report.MetricNames.Confusion;
import org.trainkit.runtime.report.MetricNames.PerClass;
import org.trainkit.runtime.report.PredictionSample.Row;
import org.trainkit.runtime.report.PredictionSample.Sample;
import org.trainkit.runtime.report.RunFiles.RunContents;

/**
 * {@code report.html}: one self-contained page about a run, to open in any browser with no
 * network (images are inlined as data URIs, the style sheet is inline, there is no script).
 * Sections, each present when there is something to show: best iteration, final dev/test
 * metrics, learning curves, per-class table, confusion matrix, a sample of saved predictions
 * with the errors highlighted, every iteration, and the resolved configuration. How metric names
 * are grouped into the per-class table and the confusion matrix is described on {@link
 * ReportCallback}.
 *
 * <p>{@link ReportCallback} keeps the report current during a run; {@link #write(Path)} rebuilds
 * it afterwards from the run directory's files alone.
 */
public final class RunReport {

  /** The report's name in a run directory. */
  /** At most this many saved predictions are shown. */
  public static final int PREDICTION_ROWS = 50;

  /** Longer target or prediction texts are cut, so that one huge example cannot bloat a page. */
  private static final int MAX_TEXT = 2000;

  private RunReport() {}

  /**
   * Redraws {@code curves/} and rewrites {@code report.html} from the files of a run directory
   * (finished, or still running).
   *
   * @return the report file
   * @throws IOException naming the directory when it is not a run directory, or the file that
   *     cannot be read or written
   */
  public static Path write(Path runDirectory) throws IOException {
    RunContents run = RunFiles.read(runDirectory);
    List<EpochSummary> its = run.history().iterations();
    String status = run.finished()
        ? finishedStatus(run.seconds())
        : its.isEmpty()
            ? "not started"
            : "unfinished · " + its.size() + " iterations so far";
    return write(run, status);
  }

  static String finishedStatus(double seconds) {
    return Double.isNaN(seconds)
        ? "finished"
        : String.format(Locale.ROOT, "finished in %.1f s", seconds);
  }

  /** Draws the curves and writes the report of {@code run}, both atomically. */
  static Path write(RunContents run, String status) throws IOException {
    Map<String, byte[]> images = Curves.write(run.history(), run.directory());
    Path file = RunDirectory.at(run.directory()).report();
    AtomicFiles.write(file, html(run, images, status).getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /** The page, with the curve images given by their path in the run directory. */
  static String html(RunContents run, Map<String, byte[]> images, String status)
      throws IOException {
    History history = run.history();
    StringBuilder body = new StringBuilder();
    Html.section(body, "best", "Best iteration", best(run));
    Html.section(body, "metrics", "Final metrics", finalMetrics(run));
    Html.section(body, "curves", "Learning curves", curves(images));

    boolean test = !run.test().isEmpty();
    Map<String, Double> detailed = test ? run.test() : run.dev();
    String which = test ? "test set" : "dev set, best iteration";
    PerClass perClass = PerClass.of(detailed);
    if (!perClass.isEmpty()) {
      Html.section(body, "per-class", "Per class (" + which + ")", perClassTable(perClass));
    }
    Confusion confusion = Confusion.of(detailed);
    if (!confusion.isEmpty()) {
      Html.section(
          body, "confusion", "Confusion matrix (" + which + ")", confusionTable(confusion));
    }
    Optional<Path> outputs = PredictionSample.choose(run.directory(), history.bestIteration());
    if (outputs.isPresent()) {
      Path file = outputs.get();
      String heading = "Predictions: " + RunDirectory.OUTPUTS + "/" + file.getFileName();
      Html.section(body, "predictions", heading, predictions(file));
    }
    Html.section(body, "iterations", "Iterations", iterations(history));
    Html.section(body, "config", "Configuration", config(run.configYaml()));
    List<JsonNode> provenance = RunProvenance.read(run.directory());
    if (!provenance.isEmpty()) {
      Html.section(body, "provenance", "Provenance", provenance(provenance));
    }

    String title = "trainkit report: " + trainable(run.directory());
    String subtitle = status + " \u00b7 " + run.directory().toAbsolutePath().normalize();
    return Html.page(title, subtitle, body);
  }

  /** What the run trained, as it recorded it; the folder's name for runs that did not record it. */
  private static String trainable(Path directory) throws IOException {
    Path file = RunDirectory.at(directory).trainable();
    if (Files.isRegularFile(file)) {
      String name = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!name.isEmpty()) {
        return name;
      }
    }
    Path folder = directory.toAbsolutePath().normalize().getFileName();
    return folder == null ? directory.toString() : folder.toString();
  }

  private static String best(RunContents run) {
    History history = run.history();
    EpochSummary best = history.best();
    StringBuilder out = new StringBuilder();
    if (best == null) {
      out.append(Html.note("No iteration has a value of " + history.monitor() + " yet."));
      return out.toString();
    }
    String direction = history.higherIsBetter() ? "higher is better" : "lower is better";
    out.append("<div class=\"cards\">\n");
    card(out, "best iteration",
        best.iteration() + " of " + history.iterations().size());
    card(out, history.monitor() + " (dev, " + direction + ")",
        Html.number(best.value(history.monitor())));
    Double testValue = run.test().get(testName(history.monitor()));
    if (testValue != null) {
      card(out, history.monitor() + " (test)", Html.number(testValue));
    }
    card(out, "optimizer step", Long.toString(best.globalStep()));
    if (!Double.isNaN(run.seconds())) {
      card(out, "run time", String.format(Locale.ROOT, "%.1f s", run.seconds()));
    }
    out.append("</div>\n");
    return out.toString();
  }

  /** {@code dev_loss} is {@code loss} in the test metrics; metric names are the same. */
  private static String testName(String monitor) {
    return monitor.equals("dev_loss") ? "loss" : monitor;
  }

  private static void card(StringBuilder out, String label, String value) {
    out.append("<div class=\"card\"><div class=\"label\">").append(Html.escape(label))
        .append("</div><div class=\"value\">").append(Html.escape(value))
        .append("</div></div>\n");
  }

  private static String finalMetrics(RunContents run) {
    Set<String> names = new LinkedHashSet<>();
    names.addAll(MetricNames.overall(run.dev()).keySet());
    names.addAll(MetricNames.overall(run.test()).keySet());
    if (names.isEmpty()) {
      return Html.note("No dev or test evaluation yet.");
    }
    StringBuilder out = new StringBuilder("<table>\n<tr><th>metric</th>")
        .append("<th class=\"num\">dev (best iteration)</th><th class=\"num\">test</th></tr>\n");
    for (String name : names) {
      out.append("<tr><td>").append(Html.escape(name)).append("</td>");
      for (Map<String, Double> values : List.of(run.dev(), run.test())) {
        Double v = values.get(name);
        out.append("<td class=\"num\">").append(Html.number(v == null ? Double.NaN : v))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</table>\n");
    if (run.test().isEmpty()) {
      out.append(Html.note(run.finished()
          ? "The run had no test set."
          : "Test metrics appear when the run ends."));
    }
    return out.toString();
  }

  private static String curves(Map<String, byte[]> images) {
    StringBuilder out = new StringBuilder("<div class=\"charts\">\n");
    images.forEach((file, png) -> out.append("<figure>")
        .append(Html.img(png, file, Curves.WIDTH, Curves.HEIGHT))
        .append("<figcaption>").append(Html.escape(file)).append("</figcaption></figure>\n"));
    return out.append("</div>\n").toString();
  }

  private static String perClassTable(PerClass table) {
    StringBuilder out = new StringBuilder("<table>\n<tr><th>class</th>");
    List<Boolean> whole = new ArrayList<>();
    for (String metric : table.metrics()) {
      out.append("<th class=\"num\">").append(Html.escape(metric)).append("</th>");
      // A column of whole numbers (a support, a count) is shown without decimals.
      boolean allWhole = true;
      for (String c : table.classes()) {
        Double v = table.values().get(c).get(metric);
        allWhole &= v == null || v == Math.rint(v);
      }
      whole.add(allWhole);
    }
    out.append("</tr>\n");
    for (String c : table.classes()) {
      out.append("<tr><td>").append(Html.escape(c)).append("</td>");
      for (int i = 0; i < table.metrics().size(); i++) {
        Double v = table.values().get(c).get(table.metrics().get(i));
        double value = v == null ? Double.NaN : v;
        out.append("<td class=\"num\">")
            .append(whole.get(i) ? Html.count(value) : Html.number(value)).append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</table>\n").toString();
  }

  private static String confusionTable(Confusion confusion) {
    List<String> labels = confusion.labels();
    double[][] counts = confusion.counts();
    StringBuilder out = new StringBuilder("<table class=\"confusion\">\n<tr>")
        .append("<th class=\"corner\">gold \u2193 \u00b7 predicted \u2192</th>");
    for (String label : labels) {
      out.append("<th class=\"num\">").append(Html.escape(label)).append("</th>");
    }
    out.append("<th class=\"num\">total</th></tr>\n");
    for (int g = 0; g < labels.size(); g++) {
      double total = 0;
      for (double c : counts[g]) {
        total += c;
      }
      out.append("<tr><th>").append(Html.escape(labels.get(g))).append("</th>");
      for (int p = 0; p < labels.size(); p++) {
        double c = counts[g][p];
        // Shade by the share of the gold row: the diagonal green, confusions red.
        double share = total > 0 ? c / total : 0;
        String rgb = g == p ? "45,164,78" : "207,34,46";
        String style = c > 0
            ? String.format(Locale.ROOT, " style=\"background:rgba(%s,%.2f)\"", rgb,
                0.18 + 0.6 * share)
            : "";
        out.append("<td").append(style).append(">").append(Html.count(c)).append("</td>");
      }
      out.append("<td>").append(Html.count(total)).append("</td></tr>\n");
    }
    return out.append("</table>\n").toString();
  }

  private static String predictions(Path file) {
    Sample sample;
    try {
      sample = PredictionSample.read(file, PREDICTION_ROWS);
    } catch (IOException e) {
      return Html.note("Cannot show predictions: " + e.getMessage());
    }
    StringBuilder out = new StringBuilder();
    out.append(Html.note(String.format(Locale.ROOT,
        "%d of %d predictions differ from the target (%.1f%%); showing %d, errors first, "
            + "highest loss first.%s",
        sample.errors(), sample.total(),
        sample.total() == 0 ? 0.0 : 100.0 * sample.errors() / sample.total(),
        sample.rows().size(),
        sample.malformed() == 0 ? "" : " " + sample.malformed() + " malformed rows skipped.")));
    if (sample.rows().isEmpty()) {
      return out.toString();
    }
    out.append("<table class=\"predictions\">\n<tr><th class=\"num\">index</th>"
        + "<th>target</th><th>prediction</th><th class=\"num\">loss</th></tr>\n");
    for (Row row : sample.rows()) {
      String[] cells = marked(row.target(), row.prediction());
      out.append(row.error() ? "<tr class=\"error\">" : "<tr>")
          .append("<td class=\"num\">").append(Html.escape(row.index())).append("</td>")
          .append("<td class=\"text\">").append(cells[0]).append("</td>")
          .append("<td class=\"text\">").append(cells[1]).append("</td>")
          .append("<td class=\"num\">").append(Html.number(row.loss())).append("</td></tr>\n");
    }
    return out.append("</table>\n").toString();
  }

  /**
   * Target and prediction as HTML, their differences marked. The texts are opaque; they are
   * compared as space-separated tokens: token by token when both have as many, otherwise the
   * stretch between the longest common start and end is marked.
   */
  static String[] marked(String target, String prediction) {
    if (target.equals(prediction)) {
      String same = Html.escape(cut(target));
      return new String[] {same, same};
    }
    if (target.length() > MAX_TEXT || prediction.length() > MAX_TEXT) {
      return new String[] {
        Html.escape(cut(target)),
        "<mark class=\"wrong\">" + Html.escape(cut(prediction)) + "</mark>"
      };
    }
    String[] t = target.split(" ", -1);
    String[] p = prediction.split(" ", -1);
    boolean[] tDiff = new boolean[t.length];
    boolean[] pDiff = new boolean[p.length];
    if (t.length == p.length) {
      for (int i = 0; i < t.length; i++) {
        tDiff[i] = pDiff[i] = !t[i].equals(p[i]);
      }
    } else {
      int start = 0;
      while (start < t.length && start < p.length && t[start].equals(p[start])) {
        start++;
      }
      int end = 0;
      while (end < t.length - start && end < p.length - start
          && t[t.length - 1 - end].equals(p[p.length - 1 - end])) {
        end++;
      }
      for (int i = start; i < t.length - end; i++) {
        tDiff[i] = true;
      }
      for (int i = start; i < p.length - end; i++) {
        pDiff[i] = true;
      }
    }
    return new String[] {join(t, tDiff, "gold"), join(p, pDiff, "wrong")};
  }

  /** Tokens joined by spaces, each run of marked tokens in one {@code <mark>}. */
  private static String join(String[] tokens, boolean[] marked, String markClass) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < tokens.length; i++) {
      boolean opens = marked[i] && (i == 0 || !marked[i - 1]);
      boolean closes = marked[i] && (i == tokens.length - 1 || !marked[i + 1]);
      if (i > 0) {
        out.append(' ');
      }
      if (opens) {
        out.append("<mark class=\"").append(markClass).append("\">");
      }
      out.append(Html.escape(tokens[i]));
      if (closes) {
        out.append("</mark>");
      }
    }
    return out.toString();
  }

  private static String cut(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "\u2026";
  }

  private static String iterations(History history) {
    List<EpochSummary> its = history.iterations();
    if (its.isEmpty()) {
      return Html.note("No iteration has ended yet.");
    }
    Set<String> metrics = new LinkedHashSet<>();
    its.forEach(s -> metrics.addAll(MetricNames.overall(s.metrics()).keySet()));
    OptionalInt best = history.bestIteration();
    StringBuilder out = new StringBuilder();
    // Short histories are shown open; long ones would push the rest of the page down.
    out.append(its.size() <= 20 ? "<details open>" : "<details>")
        .append("<summary>").append(its.size()).append(" iterations")
        .append(best.isPresent() ? "; the best is highlighted" : "").append("</summary>\n")
        .append("<table>\n<tr><th class=\"num\">iteration</th><th class=\"num\">step</th>")
        .append("<th class=\"num\">train_loss</th><th class=\"num\">dev_loss</th>");
    metrics.forEach(m -> out.append("<th class=\"num\">").append(Html.escape(m)).append("</th>"));
    out.append("<th class=\"num\">learning rate</th><th class=\"num\">seconds</th></tr>\n");
    for (EpochSummary s : its) {
      boolean isBest = best.isPresent() && best.getAsInt() == s.iteration();
      out.append(isBest ? "<tr class=\"best\">" : "<tr>")
          .append("<td class=\"num\">").append(s.iteration()).append("</td>")
          .append("<td class=\"num\">").append(s.globalStep()).append("</td>");
      cell(out, s.trainLoss());
      cell(out, s.devLoss());
      metrics.forEach(m -> cell(out, s.metrics().getOrDefault(m, Double.NaN)));
      // One notation down the column, as the printer writes it: rates span decades.
      out.append("<td class=\"num\">")
          .append(String.format(Locale.ROOT, "%.2e", s.learningRate())).append("</td>");
      out.append("<td class=\"num\">")
          .append(String.format(Locale.ROOT, "%.1f", s.seconds())).append("</td></tr>\n");
    }
    return out.append("</table>\n</details>\n").toString();
  }

  private static void cell(StringBuilder out, double value) {
    out.append("<td class=\"num\">").append(Html.number(value)).append("</td>");
  }

  /** Each entry of provenance.json (start, then each resume): one table of its fields. */
  private static String provenance(List<JsonNode> entries) {
    StringBuilder out = new StringBuilder(Html.note("From " + RunDirectory.PROVENANCE
        + ": what made this run, recorded when it started and at each resume."));
    for (JsonNode entry : entries) {
      out.append("<h3>").append(Html.escape(entry.path("event").asText("?") + " \u00b7 "
          + entry.path("time").asText(""))).append("</h3>\n<table>\n");
      provenanceRows(out, "", entry);
      out.append("</table>\n");
    }
    return out.toString();
  }

  private static void provenanceRows(StringBuilder out, String prefix, JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      if (field.getValue().isObject()) {
        provenanceRows(out, key, field.getValue());
      } else if (!key.equals("event") && !key.equals("time")) {
        JsonNode v = field.getValue();
        out.append("<tr><td>").append(Html.escape(key)).append("</td><td><code>")
            .append(Html.escape(v.isTextual() ? v.asText() : v.toString()))
            .append("</code></td></tr>\n");
      }
    }
  }

  /** The resolved configuration: key/value pairs, or the text itself if it is not flat. */
  private static String config(String yaml) {
    if (yaml == null) {
      return Html.note("This run directory has no " + RunDirectory.CONFIG + ".");
    }
    StringBuilder out = new StringBuilder(
        Html.note("From " + RunDirectory.CONFIG + ", every key, defaults included."));
    try {
      JsonNode root = new YAMLMapper().readTree(yaml);
      if (root != null && root.isObject()) {
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        boolean flat = true;
        StringBuilder rows = new StringBuilder();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          JsonNode value = field.getValue();
          flat &= value.isValueNode();
          rows.append("<div class=\"kv\"><code>").append(Html.escape(field.getKey()))
              .append("</code><span>")
              .append(Html.escape(value.isTextual() ? value.textValue() : value.toString()))
              .append("</span></div>\n");
        }
        if (flat) {
          // Flowing columns: one key per line would make a page of its own.
          return out.append("<div class=\"config\">\n").append(rows).append("</div>\n")
              .toString();
        }
      }
    } catch (IOException e) {
      // Not YAML this page can lay out as a table: the text below still shows it.
    }
    return Html.note("From " + RunDirectory.CONFIG + ".")
        + "<pre>" + Html.escape(yaml) + "</pre>\n";
  }
}
