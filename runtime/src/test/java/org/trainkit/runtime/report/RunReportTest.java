package org.trainkit.runtime.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trainkit.runtime.report.FakeRuns.assertCurveImage;
import static org.trainkit.runtime.report.FakeRuns.assertOffline;
import static org.trainkit.runtime.report.FakeRuns.values;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;

class RunReportTest {

  @TempDir Path tmp;

  @Test
  void reportOfAFinishedRunHasEverySectionAndNoNetworkReference() throws IOException {
    Path run = FakeRuns.finishedRun(tmp.resolve("run"), FakeRuns.history(6, 3, 0.9, false), 0.88);
    FakeRuns.outputs(run, "test-best.tsv",
        "0\taspirin[DRUG] helped\taspirin[DRUG] helped\t0.01",
        "1\tfever[DISEASE] fell\tfever fell\t0.9",
        "2\tibuprofen[DRUG] eased pain[DISEASE]\tibuprofen[DISEASE] eased pain[DISEASE]\t2.5");

    Path report = RunReport.write(run);

    String html = Files.readString(report, StandardCharsets.UTF_8);
    for (String section : List.of(
        "best", "metrics", "curves", "per-class", "confusion", "predictions", "iterations",
        "config")) {
      assertTrue(html.contains("<section id=\"" + section + "\">"), section);
    }
    assertOffline(html);
    assertTrue(html.contains("finished in 12.5 s"), "status");
    assertTrue(html.contains("<div class=\"value\">3 of 6</div>"), "best iteration");
    assertTrue(html.contains("Per class (test set)"));
    assertTrue(html.contains("<td>DISEASE</td><td class=\"num\">0.7000</td>"), "per-class row");
    assertTrue(html.contains("<td class=\"num\">40</td>"), "supports are whole numbers");
    assertTrue(html.contains("<code>learningRate</code><span>0.001</span>"), "config table");
    assertTrue(html.contains("Predictions: outputs/test-best.tsv"));
    assertTrue(html.contains("2 of 3 predictions differ"));
    // Five curves, each inlined as a PNG of the right size.
    Matcher images = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(html);
    int count = 0;
    while (images.find()) {
      assertCurveImage(java.util.Base64.getDecoder().decode(images.group(1)), "inlined image");
      count++;
    }
    assertEquals(5, count);
    for (String png : List.of("loss", "accuracy", "f1_per_class", "learning_rate")) {
      assertCurveImage(run.resolve("curves/" + png + ".png"));
    }
  }

  @Test
  void confusionMatrixRowsAreGoldAndColumnsPredicted() throws IOException {
    Path run = FakeRuns.finishedRun(tmp.resolve("run"), FakeRuns.history(3, 2, 0.9, false), 0.9);
    String html = Files.readString(RunReport.write(run));
    String confusion = html.substring(html.indexOf("<section id=\"confusion\">"));
    confusion = confusion.substring(0, confusion.indexOf("</section>"));
    assertTrue(confusion.contains("<th class=\"num\">DRUG</th><th class=\"num\">DISEASE</th>"));
    assertTrue(
        confusion.matches(
            "(?s).*<tr><th>DRUG</th><td[^>]*>32</td><td[^>]*>8</td><td>40</td></tr>.*"),
        confusion);
    assertTrue(
        confusion.matches(
            "(?s).*<tr><th>DISEASE</th><td[^>]*>3</td><td[^>]*>9</td><td>12</td></tr>.*"),
        confusion);
  }

  @Test
  void predictionsShowErrorsFirstHighestLossFirstAtMostFiftyRows() throws IOException {
    Path run = FakeRuns.finishedRun(tmp.resolve("run"), FakeRuns.history(3, 2, 0.9, false), 0.9);
    String[] rows = new String[200];
    for (int i = 0; i < rows.length; i++) {
      boolean wrong = i % 10 == 0;
      rows[i] = i + "\tlabel" + i + "\t" + (wrong ? "other" : "label" + i) + "\t" + (i / 100.0);
    }
    Path file = FakeRuns.outputs(run, "dev-0002.tsv", rows);

    PredictionSample.Sample sample = PredictionSample.read(file, RunReport.PREDICTION_ROWS);
    assertEquals(200, sample.total());
    assertEquals(20, sample.errors());
    assertEquals(50, sample.rows().size());
    assertEquals("190", sample.rows().get(0).index(), "highest loss first");
    assertEquals("0", sample.rows().get(19).index());
    assertTrue(sample.rows().subList(0, 20).stream().allMatch(PredictionSample.Row::error));
    assertEquals("1", sample.rows().get(20).index(), "then correct rows in file order");

    String html = Files.readString(RunReport.write(run));
    String predictions = html.substring(html.indexOf("<section id=\"predictions\">"));
    predictions = predictions.substring(0, predictions.indexOf("</section>"));
    assertEquals(50, predictions.split("<tr[ >]", -1).length - 2, "header row + 50 rows");
    assertEquals(20, predictions.split("<tr class=\"error\">", -1).length - 1);
  }

  @Test
  void outputsFileIsChosenTestThenDevAtBestThenLatest() throws IOException {
    Path run = tmp.resolve("run");
    FakeRuns.outputs(run, "train-0005.tsv");
    assertEquals("train-0005.tsv", chosen(run, 2));
    FakeRuns.outputs(run, "dev-0001.tsv");
    FakeRuns.outputs(run, "dev-0004.tsv");
    assertEquals("dev-0004.tsv", chosen(run, 7));
    FakeRuns.outputs(run, "dev-0002.tsv");
    assertEquals("dev-0002.tsv", chosen(run, 2));
    FakeRuns.outputs(run, "test-best.tsv");
    assertEquals("test-best.tsv", chosen(run, 2));
    Files.writeString(run.resolve("outputs/notes.txt"), "ignored");
    assertEquals("test-best.tsv", chosen(run, 2));
  }

  private static String chosen(Path run, int best) throws IOException {
    return PredictionSample.choose(run, OptionalInt.of(best))
        .orElseThrow().getFileName().toString();
  }

  @Test
  void noOutputsNoPredictionsSection() throws IOException {
    Path run = FakeRuns.finishedRun(tmp.resolve("run"), FakeRuns.history(3, 2, 0.9, false), 0.9);
    String html = Files.readString(RunReport.write(run));
    assertFalse(html.contains("id=\"predictions\""));
  }

  @Test
  void aBadOutputsFileIsNotedNotFatal() throws IOException {
    Path run = FakeRuns.finishedRun(tmp.resolve("run"), FakeRuns.history(3, 2, 0.9, false), 0.9);
    Files.createDirectories(run.resolve("outputs"));
    Files.writeString(run.resolve("outputs/dev-0002.tsv"), "a\tb\n1\t2\n");
    String html = Files.readString(RunReport.write(run));
    assertTrue(html.contains("Cannot show predictions"), html);
    assertTrue(html.contains("the header has no target or prediction column"));
  }

  @Test
  void everythingFromFilesIsEscaped() throws IOException {
    History history = new History("accuracy", true, List.of(new EpochSummary(
        1, 1, 0.5, 0.4, values("accuracy", 0.5, "a<b>&", 0.5), 0.1, 1)));
    Path run = FakeRuns.finishedRun(tmp.resolve("run"), history, 0.5);
    FakeRuns.outputs(run, "dev-0001.tsv",
        "0\t<script>alert(1)</script> see https://example.org\t& \"quoted\"\t1");
    String html = Files.readString(RunReport.write(run));
    assertFalse(html.contains("<script>"));
    assertFalse(html.contains("a<b>"));
    assertTrue(html.contains("<td>a&lt;b&gt;&amp;</td>"), "final metrics row");
    assertTrue(html.contains("https:&#47;&#47;example.org"));
    assertOffline(html);
  }

  @Test
  void marksDifferingTokens() {
    assertArrayEquals(
        new String[] {"a <mark class=\"gold\">b[X]</mark> c", "a <mark class=\"wrong\">b</mark> c"},
        RunReport.marked("a b[X] c", "a b c"));
    assertArrayEquals(
        new String[] {"a <mark class=\"gold\">b c</mark> d", "a <mark class=\"wrong\">x</mark> d"},
        RunReport.marked("a b c d", "a x d"));
    assertArrayEquals(
        new String[] {"same &amp;", "same &amp;"}, RunReport.marked("same &", "same &"));
  }

  @Test
  void aRunningRunIsReadFromMetricsJsonlAndHasNoTestYet() throws IOException {
    Path run = tmp.resolve("run");
    History history = FakeRuns.history(4, 2, 0.9, false);
    Files.createDirectories(run);
    MetricsLog log = new MetricsLog(run);
    for (EpochSummary s : history.iterations()) {
      log.append(s);
    }
    String html = Files.readString(RunReport.write(run));
    assertTrue(html.contains("unfinished"));
    assertTrue(html.contains("Test metrics appear when the run ends."));
    assertTrue(html.contains("Per class (dev set, best iteration)"));
    assertFalse(html.contains("id=\"confusion\""));
  }

  @Test
  void aDirectoryWithoutARunIsRefusedByName() {
    IOException e = assertThrows(IOException.class, () -> RunReport.write(tmp));
    assertTrue(e.getMessage().contains("is not a run directory"), e.getMessage());
  }

  @Test
  void metricNameConventions() {
    Map<String, Double> m = values("accuracy", 0.9, "f1/B-PER/x", 0.5, "confusion/a/b", 2,
        "confusion/a", 1, "/x", 1, "x/", 1);
    assertEquals(List.of("accuracy", "/x", "x/").stream().filter(MetricNames::isOverall).toList(),
        List.of("accuracy"));
    MetricNames.PerClass perClass = MetricNames.PerClass.of(m);
    assertEquals(List.of("f1"), perClass.metrics());
    assertEquals(List.of("B-PER/x"), perClass.classes());
    MetricNames.Confusion confusion = MetricNames.Confusion.of(m);
    assertEquals(List.of("a", "b"), confusion.labels());
    assertEquals(2.0, confusion.counts()[0][1]);
  }
}
