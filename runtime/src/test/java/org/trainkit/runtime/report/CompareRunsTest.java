package org.trainkit.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trainkit.runtime.report.FakeRuns.assertCurveImage;
import static org.trainkit.runtime.report.FakeRuns.assertOffline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;

class CompareRunsTest {

  @TempDir Path tmp;
  private Path a;
  private Path b;

  @BeforeEach
  void twoRuns() throws IOException {
    a = FakeRuns.finishedRun(tmp.resolve("lr-0.01"), FakeRuns.history(5, 2, 0.91, false), 0.88);
    b = FakeRuns.finishedRun(tmp.resolve("lr-0.1"), FakeRuns.history(4, 4, 0.95, true), 0.93);
  }

  @Test
  void tableHasOneColumnPerRunWithTheBestValues() throws IOException {
    String table = CompareRuns.table(List.of(a, b));
    List<String> lines = table.lines().toList();

    assertEquals(List.of("metric", "lr-0.01", "lr-0.1"), cells(lines.get(0)));
    assertEquals(List.of("best", "iteration", "2", "4"), cells(row(lines, "best iteration")));
    assertEquals(List.of("accuracy", "0.9100", "0.9500"), cells(row(lines, "accuracy")));
    assertEquals(List.of("train_loss", "0.5000", "0.2500"), cells(row(lines, "train_loss")));
    assertEquals(
        List.of("test", "accuracy", "0.8800", "0.9300"), cells(row(lines, "test accuracy")));
    assertEquals(
        List.of("monitor", "accuracy", "(max)", "accuracy", "(max)"),
        cells(row(lines, "monitor")));
    assertTrue(lines.stream().noneMatch(l -> l.contains("/")), "no per-class rows: " + table);
    // Columns line up: every line is as wide as the header.
    lines.forEach(l -> assertEquals(lines.get(0).length(), l.length(), l));
  }

  @Test
  void aMetricOnlyOneRunHasIsADashForTheOther() throws IOException {
    Path c = tmp.resolve("plain");
    Files.createDirectories(c);
    new MetricsLog(c, new History("dev_loss", false, List.of(
        new EpochSummary(1, 5, 0.7, 0.6, FakeRuns.values("bleu", 21.5), 0.1, 1))));
    List<String> lines = CompareRuns.table(List.of(a, c)).lines().toList();
    assertEquals(List.of("bleu", "-", "21.5000"), cells(row(lines, "bleu")));
    assertEquals(List.of("accuracy", "0.9100", "-"), cells(row(lines, "accuracy")));
    assertEquals(List.of("seconds", "12.5", "-"), cells(row(lines, "seconds")));
  }

  @Test
  void sameDirectoryNamesAreToldApartByTheirParent() throws IOException {
    Path x = FakeRuns.finishedRun(tmp.resolve("x/run"), FakeRuns.history(2, 1, 0.9, false), 0.9);
    Path y = FakeRuns.finishedRun(tmp.resolve("y/run"), FakeRuns.history(2, 1, 0.9, false), 0.9);
    String header = CompareRuns.table(List.of(x, y)).lines().findFirst().orElseThrow();
    assertEquals(List.of("metric", "x/run", "y/run"), cells(header));
  }

  @Test
  void htmlOverlaysTheCurvesOfEveryRun() throws IOException {
    Path html = tmp.resolve("out/compare.html");
    CompareRuns.writeHtml(List.of(a, b), html);

    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertOffline(page);
    for (String section : List.of("runs", "table", "curves")) {
      assertTrue(page.contains("<section id=\"" + section + "\">"), section);
    }
    assertTrue(page.contains("<th class=\"num\">lr-0.01</th><th class=\"num\">lr-0.1</th>"));
    Matcher images = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)\" alt=\"([^\"]*)\"")
        .matcher(page);
    List<String> charts = new java.util.ArrayList<>();
    while (images.find()) {
      assertCurveImage(java.util.Base64.getDecoder().decode(images.group(1)), images.group(2));
      charts.add(images.group(2));
    }
    assertEquals(List.of("train_loss", "dev_loss", "accuracy", "learning_rate"), charts);
  }

  @Test
  void commandPrintsTheTableAndWritesThePage() {
    Path html = tmp.resolve("compare.html");
    Result r = run(a.toString(), b.toString(), "--html", html.toString());
    assertEquals(CompareRuns.OK, r.code, r.err);
    assertTrue(r.out.startsWith("metric"), r.out);
    assertTrue(r.out.contains("wrote " + html), r.out);
    assertTrue(Files.isRegularFile(html));
    assertEquals("", r.err);
  }

  @Test
  void aDirectoryThatIsNotARunIsAUsageErrorNamingIt() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Result r = run(a.toString(), empty.toString());
    assertEquals(CompareRuns.USAGE, r.code);
    assertTrue(
        r.err.startsWith(
            "error: " + empty + " is not a run directory: it has no history.json"),
        r.err);
    assertEquals("", r.out);

    Result missing = run(tmp.resolve("nope").toString());
    assertEquals(CompareRuns.USAGE, missing.code);
    assertTrue(missing.err.contains("nope is not a directory"), missing.err);

    IOException e = assertThrows(IOException.class, () -> CompareRuns.table(List.of(empty)));
    assertTrue(e.getMessage().contains("is not a run directory"));
  }

  @Test
  void otherUsageErrors() {
    assertEquals(CompareRuns.USAGE, run().code);
    assertTrue(run().err.contains("give at least one run directory"));
    assertEquals(CompareRuns.USAGE, run(a.toString(), "--html").code);
    assertTrue(run(a.toString(), "--colour").err.contains("unknown option --colour"));
    Result help = run("--help");
    assertEquals(CompareRuns.OK, help.code);
    assertTrue(help.out.startsWith("usage: compare RUN_DIR... [--html FILE]"));
  }

  @Test
  void anUnwritablePageFailsWithExitCodeOne() throws IOException {
    Path blocker = Files.writeString(tmp.resolve("file"), "x");
    Result r = run(a.toString(), "--html=" + blocker.resolve("sub/compare.html"));
    assertEquals(CompareRuns.FAILED, r.code, r.err);
    assertTrue(r.err.startsWith("error: cannot write"), r.err);
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = CompareRuns.run(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String row(List<String> lines, String name) {
    return lines.stream().filter(l -> l.startsWith(name + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name + " in " + lines));
  }

  private static List<String> cells(String line) {
    return Arrays.asList(line.trim().split("\\s+"));
  }
}
