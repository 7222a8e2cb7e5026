package org.trainkit.examples.tagger;

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
import org.trainkit.examples.data.ConllReader;
import org.trainkit.examples.data.CorpusGenerator;
import org.trainkit.examples.data.CorpusGenerator.Split;
import org.trainkit.examples.data.Sentence;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.report.RunSummary;

/**
 * Promise 4 for the entity tagger: a malformed line, invalid UTF-8 or an empty file stops the
 * generated trainer before training with one {@code file:line} message and exit code 2; a tag
 * never seen in training and a sentence longer than the model reads at once follow the
 * documented policies and are counted in {@code summary.json} — never a silent wrong result.
 */
class TaggerBadInputTest {

  @TempDir Path dir;
  private String errors;

  private int run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return EntityTaggerTrainerMain.run(args);
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
      errors = err.toString(StandardCharsets.UTF_8);
    }
  }

  private Path write(String name, byte[] bytes) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private void assertStopsBeforeTraining(Path train, Path dev, String message) {
    Path out = dir.resolve("run");
    int code = run("train", "--train", train.toString(), "--dev", dev.toString(),
        "--out", out.toString(), "--iterations", "1", "--set", "progressBar=false");
    assertEquals(2, code, errors);
    assertEquals("error: " + message, errors.strip());
    assertFalse(Files.exists(out.resolve("checkpoints")), "nothing trained");
  }

  @Test
  void malformedLinesInvalidUtf8AndEmptyFilesAreFileLineErrors() throws Exception {
    Path good = write("good.conll", "Aspirin\tB-DRUG\nhelps\tO\n".getBytes(StandardCharsets.UTF_8));
    Path tag = write("tag.conll", "Aspirin\tB-DRUG\n\nhelps\tB_DRUG\n".getBytes(StandardCharsets.UTF_8));
    assertStopsBeforeTraining(good, tag,
        tag + ":3: invalid tag 'B_DRUG' in the last column: expected O, B-TYPE, I-TYPE, E-TYPE or S-TYPE");
    Path columns = write("columns.conll", "a\tNN\tO\nb\tO\n".getBytes(StandardCharsets.UTF_8));
    assertStopsBeforeTraining(columns, good,
        columns + ":2: found 2 columns but line 1 (the first token line) has 3; every token line needs the same columns");
    byte[] latin1 = "caf\u00e9\tO\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = new byte["ok\tO\n".length() + latin1.length];
    System.arraycopy("ok\tO\n".getBytes(StandardCharsets.UTF_8), 0, bytes, 0, 5);
    System.arraycopy(latin1, 0, bytes, 5, latin1.length);
    Path notUtf8 = write("latin1.conll", bytes);
    assertStopsBeforeTraining(notUtf8, good,
        notUtf8 + ":2: not valid UTF-8: byte 0xE9 at byte 4 of the line; save the file as UTF-8");
    Path untagged = write("untagged.conll", "Aspirin\tB-DRUG\n\nhelps\nmuch\n".getBytes(StandardCharsets.UTF_8));
    assertStopsBeforeTraining(untagged, good, untagged + ":3: a sentence without tags; training needs a"
        + " tag column (token<TAB>TAG; sentences of tokens alone can only be predicted)");
    Path empty = write("empty.conll", "-DOCSTART-\tO\n\n\n".getBytes(StandardCharsets.UTF_8));
    assertStopsBeforeTraining(good, empty, "--dev: " + empty + " holds no items");
  }

  /**
   * A dev type training never saw keeps its real tags as gold: its entities count as misses and
   * its tokens as {@code unseen_labels}; a sentence longer than the window is tagged whole, in
   * windows, and counted as {@code split_sentences}.
   */
  @Test
  void unseenTagsAndLongSentencesFollowTheirPolicyAndAreCounted() throws Exception {
    Path train = dir.resolve("train.conll");
    CorpusGenerator.writeConll(train, 120, 5, Split.TRAIN);
    List<Sentence> trainItems = read(train);
    List<Sentence> devItems = new ArrayList<>(read(dev()));
    // a GENE entity (a type training never had) in a sentence of 12 tokens
    List<String> tokens = List.of("the", "BRCA1", "gene", "was", "tested", "in", "all", "of",
        "the", "enrolled", "patients", ".");
    List<String> tags = new ArrayList<>(java.util.Collections.nCopies(tokens.size(), "O"));
    tags.set(1, "B-GENE");
    tags.set(2, "I-GENE");
    devItems.add(new Sentence(tokens, tags));
    long longInDev = devItems.stream().filter(s -> s.size() > 8).count();

    TrainerConfig config = TrainerConfig.builder().iterations(1).batchSize(16).device("cpu")
        .progressBar(false).monitor("entity_f1").build();
    Path run = dir.resolve("run");
    EntityTagger tagger = new EntityTagger(8);
    try (Trainer<Sentence, EntityTagger.TaggerExample, EntityTagger.TaggerBatch> trainer =
        new Trainer<>(EntityTaggerTrainable.of(tagger), config, List.of())) {
      trainer.train(trainItems, devItems, devItems, run, false);
    }
    JsonNode dev = RunSummary.read(run).path("dev");
    assertEquals(2, dev.path("unseen_labels").asDouble(), dev.toString());
    assertTrue(longInDev >= 1 && longInDev < devItems.size(), "some sentences are long: " + longInDev);
    assertEquals(longInDev, dev.path("split_sentences").asDouble(), dev.toString());
    assertEquals(0.0, dev.path("recall/GENE").asDouble(-1), "the unseen entity is a miss: " + dev);
    JsonNode test = RunSummary.read(run).path("test");
    assertEquals(2, test.path("unseen_labels").asDouble(), test.toString());

    // the long sentence is predicted whole: every token is in the saved prediction
    List<String> rows = Files.readAllLines(run.resolve("outputs/test-best.tsv"));
    String last = rows.get(rows.size() - 1);
    assertTrue(last.contains("[BRCA1 gene](GENE)"), "the gold keeps the unseen entity: " + last);
    String prediction = last.split("\t")[2];
    assertEquals(String.join(" ", tokens), prediction.replaceAll("[\\[\\]]|\\([A-Z]+\\)", ""),
        "every token predicted: " + last);
  }

  private Path dev() throws Exception {
    Path dev = dir.resolve("dev.conll");
    CorpusGenerator.writeConll(dev, 40, 6, Split.DEV);
    return dev;
  }

  private static List<Sentence> read(Path file) throws Exception {
    try (var s = new ConllReader().read(file)) {
      return s.toList();
    }
  }
}
