package org.trainkit.examples.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.Abstract;
import org.trainkit.examples.data.CorpusGenerator;
import org.trainkit.examples.data.CorpusGenerator.Split;
import org.trainkit.examples.data.RctReader;
import org.trainkit.runtime.report.RunSummary;

/**
 * Promise 4 for the sentence classifier, through its generated trainer: malformed lines, empty
 * sentences, abstracts without sentences, invalid UTF-8 and empty files are {@code file:line}
 * errors (exit code 2, nothing trained); a dev label never seen in training counts as a miss under
 * its own name and is counted as {@code unseen_labels} in {@code summary.json}.
 */
class ClassifierBadInputTest {

  @TempDir Path dir;
  private String errors;

  private int run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return SentenceClassifierTrainerMain.run(args);
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
      errors = err.toString(StandardCharsets.UTF_8);
    }
  }

  private Path write(String name, String text) throws Exception {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, byte[] bytes) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private void assertStopsBeforeTraining(Path train, String message) throws Exception {
    Path dev = write("dev-ok.txt", "###1\nMETHODS\tWe measured it.\n");
    Path out = dir.resolve("run");
    int code = run("train", "--train", train.toString(), "--dev", dev.toString(),
        "--out", out.toString(), "--iterations", "1", "--set", "progressBar=false");
    assertEquals(2, code, errors);
    assertEquals("error: " + message, errors.strip());
    assertFalse(Files.exists(out.resolve("checkpoints")), "nothing trained");
  }

  @Test
  void badLinesEmptySentencesInvalidUtf8AndEmptyFilesAreFileLineErrors() throws Exception {
    Path noTab = write("no-tab.txt", "###1\nMETHODS\tWe measured it.\nRESULTS It worked.\n");
    assertStopsBeforeTraining(noTab,
        noTab + ":3: expected 'LABEL<TAB>sentence' like the lines before, found no tab: 'RESULTS It worked.'");
    // an abstract without any label is one to predict: training names it
    Path unlabeled = write("unlabeled.txt", "###1\nMETHODS\tWe measured it.\n\n###2\nWe measured it.\n");
    assertStopsBeforeTraining(unlabeled, unlabeled + ":4: abstract '2' has no labels; training needs"
        + " 'LABEL<TAB>sentence' lines (sentences without labels can only be predicted)");
    Path emptySentence = write("empty-sentence.txt", "###1\nMETHODS\tWe measured it.\nRESULTS\t  \n");
    assertStopsBeforeTraining(emptySentence,
        emptySentence + ":3: empty sentence after the tab: 'RESULTS\\t  '");
    Path noSentences = write("no-sentences.txt", "###1\n\n###2\nMETHODS\tWe measured it.\n");
    assertStopsBeforeTraining(noSentences, noSentences + ":1: abstract '1' has no sentences");
    byte[] head = "###1\nMETHODS\tThe caf".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + 3];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xE9; // latin-1 é
    bytes[head.length + 1] = '.';
    bytes[head.length + 2] = '\n';
    Path latin1 = write("latin1.txt", bytes);
    assertStopsBeforeTraining(latin1,
        latin1 + ":2: not valid UTF-8: byte 0xE9 at byte 16 of the line; save the file as UTF-8");
    Path empty = write("empty.txt", "\n\n");
    assertStopsBeforeTraining(empty, "--train: " + empty + " holds no items");
  }

  @Test
  void aDevLabelNeverSeenInTrainingIsAMissUnderItsOwnNameAndIsCounted() throws Exception {
    Path train = dir.resolve("train.txt");
    Path dev = dir.resolve("dev.txt");
    CorpusGenerator.writeRct(train, 60, 11, Split.TRAIN);
    CorpusGenerator.writeRct(dev, 20, 12, Split.DEV);
    // relabel every RESULTS sentence of the dev set as FINDINGS, a label training never had
    String relabelled = Files.readString(dev).replace("RESULTS\t", "FINDINGS\t");
    Files.writeString(dev, relabelled);
    long findings;
    long all;
    try (var s = new RctReader().read(dev)) {
      List<Abstract> items = new ArrayList<>(s.toList());
      findings = items.stream().flatMap(a -> a.labels().stream()).filter("FINDINGS"::equals).count();
      all = items.stream().mapToLong(Abstract::size).sum();
    }
    assertTrue(findings > 0);
    Path out = dir.resolve("run");
    assertEquals(0, run("train", "--train", train.toString(), "--dev", dev.toString(),
        "--test", dev.toString(), "--out", out.toString(), "--iterations", "2",
        "--set", "progressBar=false", "--set", "monitor=accuracy"), errors);
    for (String split : List.of("dev", "test")) {
      JsonNode metrics = RunSummary.read(out).path(split);
      assertEquals(findings, metrics.path("unseen_labels").asDouble(), split + ": " + metrics);
      assertEquals(0.0, metrics.path("recall/FINDINGS").asDouble(-1), split + ": " + metrics);
      assertTrue(metrics.path("accuracy").asDouble() <= 1.0 - (double) findings / all + 1e-9,
          "unseen labels count as misses: " + metrics);
      assertFalse(metrics.has("recall/<unseen>"), metrics.toString());
    }
  }
}
