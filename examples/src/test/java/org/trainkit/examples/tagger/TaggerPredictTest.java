package org.trainkit.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.ConllReader;
import org.trainkit.examples.data.CorpusGenerator;
import org.trainkit.examples.data.CorpusGenerator.Split;
import org.trainkit.examples.data.Sentence;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.metrics.EntityMetrics;
import org.trainkit.runtime.train.Trainer;

/**
 * Using a trained tagger: in the same process right after training (also after the trainer is
 * closed), restored from its run directory, from several threads, and through {@code predict}
 * (CoNLL with and without tags, plain text to JSON Lines), with its bad-input rules.
 */
class TaggerPredictTest {

  @TempDir static Path dir;
  private static Path run;
  private static Path test;
  private static List<Sentence> testSentences;
  private static List<String> texts;
  /** The instance that was trained, used after its trainer was closed. */
  private static EntityTagger trained;
  private String errors;

  @BeforeAll
  static void trainOnce() throws Exception {
    Path train = dir.resolve("train.conll");
    Path dev = dir.resolve("dev.conll");
    test = dir.resolve("test.conll");
    CorpusGenerator.writeConll(train, 400, 1, Split.TRAIN);
    CorpusGenerator.writeConll(dev, 80, 2, Split.DEV);
    CorpusGenerator.writeConll(test, 60, 3, Split.TEST);
    ConllReader reader = new ConllReader();
    List<Sentence> trainItems;
    List<Sentence> devItems;
    try (var a = reader.read(train); var b = reader.read(dev); var c = reader.read(test)) {
      trainItems = a.toList();
      devItems = b.toList();
      testSentences = c.toList();
    }
    texts = testSentences.stream().map(s -> String.join(" ", s.tokens())).toList();
    run = dir.resolve("run");
    trained = new EntityTagger();
    TrainerConfig config = TrainerConfig.builder().iterations(3).batchSize(16).learningRate(0.005)
        .monitor("entity_f1").device("cpu").progressBar(false).build();
    try (Trainer<Sentence, ?, ?> trainer = new Trainer<>(trained.makeTrainable(), config, List.of())) {
      trainer.train(trainItems, devItems, List.of(), run, false);
    }
  }

  @Test
  void theTrainedInstancePredictsAfterItsTrainerIsClosedLikeTheRestoredRun() throws Exception {
    List<List<Mention>> inProcess = trained.tag(texts);
    long found = inProcess.stream().mapToLong(List::size).sum();
    assertTrue(found >= texts.size() / 2, "the trained tagger finds mentions: " + found);
    try (EntityTagger restored = EntityTagger.load(run)) {
      assertEquals(inProcess, restored.tag(texts));
    }
  }

  @Test
  void aBatchCallGivesWhatOneCallPerTextGives() {
    List<List<Mention>> batch = trained.tag(texts.subList(0, 20));
    for (int i = 0; i < 20; i++) {
      assertEquals(trained.tag(texts.get(i)), batch.get(i), texts.get(i));
    }
  }

  @Test
  void aRestoredTaggerMayBeUsedFromSeveralThreadsAtOnce() throws Exception {
    try (EntityTagger restored = EntityTagger.load(run)) {
      List<List<Mention>> expected = restored.tag(texts);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<List<Mention>>>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          results.add(pool.submit(() -> restored.tag(texts)));
        }
        for (Future<List<List<Mention>>> result : results) {
          assertEquals(expected, result.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aClosedTaggerSaysSo() throws Exception {
    EntityTagger restored = EntityTagger.load(run);
    restored.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> restored.tag("x"));
    assertTrue(e.getMessage().contains("EntityTagger.load"), e.getMessage());
  }

  // predict

  private int predict(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      List<String> all = new ArrayList<>(List.of("predict", "--run", run.toString()));
      all.addAll(List.of(args));
      return EntityTaggerTrainerMain.run(all.toArray(new String[0]));
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
      errors = err.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void predictWritesConllBackWithEveryColumnAndThePredictedTagInInputOrder() throws Exception {
    Path out = dir.resolve("predicted.conll");
    // small batches and the default window: sorted by length inside, in input order outside
    assertEquals(0, predict("--data", test.toString(), "--out", out.toString(), "--batch-size", "7"), errors);
    List<Sentence> written;
    try (Stream<Sentence> s = new ConllReader().read(out)) {
      written = s.toList();
    }
    assertEquals(testSentences.size(), written.size());
    List<List<Mention>> inProcess = trained.tag(texts);
    for (int i = 0; i < written.size(); i++) {
      Sentence input = testSentences.get(i);
      Sentence output = written.get(i);
      assertEquals(input.tokens(), output.tokens(), "sentence " + i + " in input order");
      for (int j = 0; j < input.size(); j++) {
        assertEquals(input.source().get(j) + "\t" + output.tags().get(j), output.source().get(j));
      }
      // the same predictions as the operation's own call
      List<String> tokens = output.tokens();
      List<String> spans = EntityMetrics.spans(output.tags()).stream()
          .map(s -> String.join(" ", tokens.subList(s.start(), s.end())) + "/" + s.type()).toList();
      assertEquals(inProcess.get(i).stream().map(m -> m.text() + "/" + m.type()).toList(), spans);
    }
  }

  @Test
  void batchesSideBySideWriteWhatOneAtATimeWrites() throws Exception {
    // the file written one batch at a time, with loader threads or not, is the reference
    Path one = dir.resolve("one.conll");
    assertEquals(0, predict("--data", test.toString(), "--out", one.toString(), "--batch-size", "5",
        "--forward-threads", "1", "--workers", "0"), errors);
    for (String threads : List.of("0", "2", "3")) {
      for (String workers : List.of("0", "2")) {
        Path side = dir.resolve("side-" + threads + "-" + workers + ".conll");
        assertEquals(0, predict("--data", test.toString(), "--out", side.toString(), "--batch-size", "5",
            "--forward-threads", threads, "--workers", workers), errors);
        assertEquals(Files.readString(one), Files.readString(side), threads + " forward threads, " + workers + " workers");
      }
    }
    assertEquals(2, predict("--data", test.toString(), "--out", dir.resolve("x.conll").toString(),
        "--forward-threads", "-1"));
    assertTrue(errors.contains("--forward-threads must be in [0, 64]"), errors);
  }

  @Test
  void predictReadsConllWithoutTags() throws Exception {
    Path untagged = dir.resolve("untagged.conll");
    StringBuilder text = new StringBuilder();
    for (Sentence s : testSentences.subList(0, 10)) {
      s.tokens().forEach(t -> text.append(t).append('\n'));
      text.append('\n');
    }
    Files.writeString(untagged, text);
    Path out = dir.resolve("untagged-predicted.conll");
    assertEquals(0, predict("--data", untagged.toString(), "--out", out.toString()), errors);
    List<String> lines = Files.readAllLines(out);
    assertEquals(text.toString().split("\n", -1).length - 1, lines.size());
    String first = lines.get(0);
    assertEquals(testSentences.get(0).tokens().get(0), first.substring(0, first.indexOf('\t')));
    assertTrue(EntityMetrics.isValidTag(first.substring(first.indexOf('\t') + 1)), first);
  }

  @Test
  void predictReadsPlainTextAndWritesEntitiesAsJsonLines() throws Exception {
    Path input = dir.resolve("docs.txt");
    List<String> docs = List.of(texts.get(0), "", "  " + texts.get(1) + "  and  " + texts.get(2));
    Files.writeString(input, String.join("\n", docs) + "\n");
    Path out = dir.resolve("docs.jsonl");
    assertEquals(0, predict("--data", input.toString(), "--format", "text", "--out", out.toString()), errors);
    List<String> lines = Files.readAllLines(out);
    assertEquals(docs.size(), lines.size());
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < docs.size(); i++) {
      JsonNode line = json.readTree(lines.get(i));
      assertEquals(docs.get(i), line.path("text").asText());
      List<Mention> expected = trained.tag(docs.get(i));
      assertEquals(expected.size(), line.path("entities").size(), lines.get(i));
      for (int k = 0; k < expected.size(); k++) {
        JsonNode e = line.path("entities").get(k);
        Mention m = expected.get(k);
        assertEquals(m, new Mention(e.path("type").asText(), e.path("start").asInt(),
            e.path("end").asInt(), e.path("text").asText()));
        assertEquals(docs.get(i).substring(m.start(), m.end()), m.text());
      }
    }
  }

  @Test
  void anExistingOutputNeedsOverwrite() throws Exception {
    Path out = dir.resolve("kept.conll");
    Files.writeString(out, "mine\n");
    assertEquals(2, predict("--data", test.toString(), "--out", out.toString()));
    assertTrue(errors.contains("exists; add --overwrite"), errors);
    assertEquals("mine\n", Files.readString(out));
    assertEquals(0, predict("--data", test.toString(), "--out", out.toString(), "--overwrite"), errors);
    assertFalse(Files.readString(out).startsWith("mine"));
  }

  @Test
  void badInputIsOneMessageExitTwoAndNothingWritten() throws Exception {
    Path out = dir.resolve("bad").resolve("never.conll");
    Files.createDirectories(out.getParent());
    // data in the wrong format, found after the first sentences were predicted
    Path wrong = dir.resolve("wrong.conll");
    Files.writeString(wrong, "a\tO\nb\tO\n\nc\tNOT-A-TAG\tX\n");
    assertEquals(2, predict("--data", wrong.toString(), "--out", out.toString()));
    assertTrue(errors.startsWith("error: ") && errors.contains(wrong + ":4"), errors);
    assertEquals(1, errors.strip().lines().count(), errors);
    // a run directory without a checkpoint
    Path empty = Files.createDirectories(dir.resolve("empty-run"));
    List<String> args = List.of("predict", "--run", empty.toString(), "--data", test.toString(),
        "--out", out.toString());
    assertEquals(2, runMain(args));
    assertTrue(errors.contains("holds no checkpoint"), errors);
    // an output in a directory that does not exist
    assertEquals(2, predict("--data", test.toString(), "--out", dir.resolve("nowhere/x.conll").toString()));
    assertTrue(errors.contains("--out"), errors);
    // an unknown format
    assertEquals(2, predict("--data", test.toString(), "--out", out.toString(), "--format", "csv"));
    assertTrue(errors.contains("conll, text"), errors);
    try (Stream<Path> left = Files.list(out.getParent())) {
      assertEquals(List.of(), left.toList(), "nothing written, no temporary file left");
    }
  }

  private int runMain(List<String> args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return EntityTaggerTrainerMain.run(args.toArray(new String[0]));
    } finally {
      System.setErr(oldErr);
      errors = err.toString(StandardCharsets.UTF_8);
    }
  }
}
