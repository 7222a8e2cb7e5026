package org.trainkit.runtime.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.AtomicFiles;
import org.trainkit.runtime.report.BandCurves;
import org.trainkit.runtime.report.Curves;
import org.trainkit.runtime.report.Html;
import org.trainkit.runtime.sweep.SweepTable.Row;

/**
 * Writes a sweep's table as {@code sweep.csv} (exact numbers, for scripts), {@code sweep.md}
 * (mean ± sd, for reading and pasting) and {@code sweep.html} (the table, each quantity's curves
 * per grid point with a band over seeds, failures, provenance differences), each atomically.
 */
public final class SweepFiles {

  private SweepFiles() {}

  /** Reads the sweep's runs and writes the three files. */
  public static SweepTable write(SweepLayout layout) throws IOException {
    SweepPlan plan = SweepPlan.read(layout.plan());
    SweepTable table = SweepTable.read(layout, plan);
    AtomicFiles.write(layout.csv(), csv(table).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(layout.markdown(), markdown(table).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(layout.html(), html(table, layout).getBytes(StandardCharsets.UTF_8));
    return table;
  }

  /**
   * One line per grid point: {@code point}, the grid's keys, {@code finished}, {@code failed},
   * {@code planned}, {@code best} (true on the best point), then {@code monitor_mean},
   * {@code monitor_std} and {@code <column>_mean}, {@code <column>_std} for every metric column;
   * numbers as Java writes doubles (they read back to the same bits), empty when absent.
   */
  static String csv(SweepTable table) {
    List<String> header = new ArrayList<>(List.of("point"));
    header.addAll(table.grid());
    header.addAll(List.of("finished", "failed", "planned", "best", "monitor", "monitor_mean",
        "monitor_std"));
    table.columns().forEach(c -> {
      header.add(c + "_mean");
      header.add(c + "_std");
    });
    StringBuilder out = new StringBuilder(csvLine(header));
    for (int i = 0; i < table.rows().size(); i++) {
      Row row = table.rows().get(i);
      List<String> cells = new ArrayList<>(List.of(row.point()));
      table.grid().forEach(k -> cells.add(row.settings().getOrDefault(k, "")));
      cells.addAll(List.of(Integer.toString(row.finished()), Integer.toString(row.failed()),
          Integer.toString(row.planned()), Boolean.toString(i == table.best()), table.monitor(),
          exact(row.monitor().mean()), exact(row.monitor().std())));
      table.columns().forEach(c -> {
        Stats s = row.metrics().get(c);
        cells.add(exact(s.mean()));
        cells.add(exact(s.std()));
      });
      out.append(csvLine(cells));
    }
    return out.toString();
  }

  private static String exact(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  private static String csvLine(List<String> cells) {
    List<String> quoted = new ArrayList<>();
    for (String cell : cells) {
      quoted.add(cell.matches("[^,\"\\r\\n]*") ? cell : "\"" + cell.replace("\"", "\"\"") + "\"");
    }
    return String.join(",", quoted) + "\n";
  }

  /** Mean ± sd, four decimals; the sd as "–" from one seed; "–" for none. */
  static String meanSd(Stats s) {
    if (s.n() == 0) {
      return "\u2013";
    }
    return Html.number(s.mean()) + " \u00b1 " + Html.number(s.std());
  }

  private static List<String> headings(SweepTable table) {
    List<String> h = new ArrayList<>(List.of("point", "seeds finished",
        "best " + table.monitor() + (table.higherIsBetter() ? " (max)" : " (min)")));
    h.addAll(table.columns());
    return h;
  }

  private static List<String> cells(SweepTable table, int i) {
    Row row = table.rows().get(i);
    String finished = row.finished() + "/" + row.planned()
        + (row.failed() > 0 ? " (" + row.failed() + " failed)" : "");
    List<String> cells = new ArrayList<>(List.of(
        (i == table.best() ? "\u2605 " : "") + row.point(), finished, meanSd(row.monitor())));
    table.columns().forEach(c -> cells.add(meanSd(row.metrics().get(c))));
    return cells;
  }

  static String markdown(SweepTable table) {
    StringBuilder out = new StringBuilder("# Sweep\n\n");
    out.append("Mean \u00b1 sample standard deviation (n \u2212 1) over each point's finished seeds: "
        + "the best monitored value, the best checkpoint's dev metrics (dev_) and its test metrics "
        + "(test_). \u2605 marks the best point by the mean of " + table.monitor() + ".\n\n");
    List<String> headings = headings(table);
    out.append("| ").append(String.join(" | ", headings)).append(" |\n|");
    headings.forEach(h -> out.append(h.equals("point") ? "---|" : "---:|"));
    out.append('\n');
    for (int i = 0; i < table.rows().size(); i++) {
      List<String> escaped = new ArrayList<>();
      cells(table, i).forEach(c -> escaped.add(c.replace("|", "\\|")));
      out.append("| ").append(String.join(" | ", escaped)).append(" |\n");
    }
    if (!table.failures().isEmpty()) {
      out.append("\n## Failed runs\n\n");
      table.failures().forEach((name, message) ->
          out.append("- `").append(name).append("`: ").append(message).append('\n'));
    }
    if (!table.provenance().isEmpty()) {
      out.append("\n## Provenance fields that differ between runs\n\n");
      table.provenance().forEach((field, perRun) -> {
        out.append("- `").append(field).append("`:");
        groupByValue(perRun).forEach((value, runs) -> out.append(" ").append(value)
            .append(" (").append(String.join(", ", runs)).append(");"));
        out.setLength(out.length() - 1);
        out.append('\n');
      });
    }
    return out.toString();
  }

  private static Map<String, List<String>> groupByValue(Map<String, String> perRun) {
    Map<String, List<String>> byValue = new LinkedHashMap<>();
    perRun.forEach((run, value) -> byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(run));
    return byValue;
  }

  static String html(SweepTable table, SweepLayout layout) throws IOException {
    StringBuilder body = new StringBuilder();
    StringBuilder t = new StringBuilder(Html.note("Mean \u00b1 sample standard deviation (n \u2212 1) "
        + "over each point's finished seeds. \u2605 marks the best point by the mean of "
        + table.monitor() + "."));
    t.append("<table>\n<tr>");
    headings(table).forEach(h -> t.append(h.equals("point") ? "<th>" : "<th class=\"num\">")
        .append(Html.escape(h)).append("</th>"));
    t.append("</tr>\n");
    for (int i = 0; i < table.rows().size(); i++) {
      List<String> cells = cells(table, i);
      t.append(i == table.best() ? "<tr class=\"best\">" : "<tr>");
      for (int c = 0; c < cells.size(); c++) {
        String cell = Html.escape(cells.get(c));
        t.append(c == 0 ? "<td>" + (i == table.best() ? "<strong>" + cell + "</strong>" : cell)
            : "<td class=\"num\">" + cell).append("</td>");
      }
      t.append("</tr>\n");
    }
    Html.section(body, "table", "Grid points", t.append("</table>\n"));

    Map<String, List<History>> groups = new LinkedHashMap<>();
    Set<String> quantities = new LinkedHashSet<>(List.of("train_loss", "dev_loss"));
    for (Row row : table.rows()) {
      if (!row.histories().isEmpty()) {
        groups.put(row.point(), new ArrayList<>(row.histories().values()));
        row.histories().values().forEach(h -> h.iterations().forEach(s ->
            s.metrics().keySet().stream().filter(m -> m.indexOf('/') < 0).forEach(quantities::add)));
      }
    }
    StringBuilder curves = new StringBuilder();
    for (String quantity : quantities) {
      Optional<byte[]> png = BandCurves.png(quantity, groups);
      if (png.isPresent()) {
        curves.append("<figure>").append(Html.img(png.get(), quantity, Curves.WIDTH, Curves.HEIGHT))
            .append("</figure>\n");
      }
    }
    if (curves.length() > 0) {
      Html.section(body, "curves", "Curves per grid point", curves);
    }
    if (!table.failures().isEmpty()) {
      StringBuilder f = new StringBuilder("<table>\n<tr><th>run</th><th>message</th></tr>\n");
      table.failures().forEach((name, message) -> f.append("<tr><td>").append(Html.escape(name))
          .append("</td><td><code>").append(Html.escape(message)).append("</code></td></tr>\n"));
      Html.section(body, "failures", "Failed runs", f.append("</table>\n"));
    }
    if (!table.provenance().isEmpty()) {
      StringBuilder p = new StringBuilder("<table>\n<tr><th>field</th><th>value</th><th>runs</th></tr>\n");
      table.provenance().forEach((field, perRun) -> groupByValue(perRun).forEach((value, runs) ->
          p.append("<tr><td>").append(Html.escape(field)).append("</td><td><code>")
              .append(Html.escape(value)).append("</code></td><td>")
              .append(Html.escape(String.join(", ", runs))).append("</td></tr>\n")));
      Html.section(body, "provenance", "Provenance fields that differ between runs",
          p.append("</table>\n"));
    }
    int finished = table.rows().stream().mapToInt(Row::finished).sum();
    int planned = table.rows().stream().mapToInt(Row::planned).sum();
    return Html.page("trainkit sweep: " + layout.root().toAbsolutePath().normalize().getFileName(),
        String.format(Locale.ROOT, "%d of %d runs finished \u00b7 %s", finished, planned,
            layout.root().toAbsolutePath().normalize()), body);
  }
}
