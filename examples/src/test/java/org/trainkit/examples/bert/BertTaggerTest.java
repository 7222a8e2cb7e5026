package org.trainkit.examples.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.CorpusGenerator;
import org.trainkit.examples.data.CorpusGenerator.Split;
import org.trainkit.examples.tagger.Mention;
import org.trainkit.nlp.bert.BertCheckpoint;
import org.trainkit.nlp.bert.BertTokenClassifier;
import org.trainkit.nlp.bert.PretrainedModel;

/**
 * A small pretrained BERT ({@link TinyBert#nerModel}), fine-tuned through the generated {@code bert-tagger} command line on
 * generated clinical sentences, learns the entities (test entity F1 ≥ 0.9); the run is
 * self-contained (the pretrained directory is deleted, then the run is evaluated, loaded and
 * exported), and its export loads back with identical logits.
 */
class BertTaggerTest {

  @TempDir Path dir;

  static String[] trainArgs(Path pretrained, Path train, Path dev, Path test, Path run,
      String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--pretrained",
        pretrained.toString(), "--train", train.toString(), "--dev", dev.toString(), "--test",
        test.toString(), "--out", run.toString(), "--set", "progressBar=false",
        "--set", "learningRate=0.005", "--set", "warmupSteps=20",
        "--workers", "0"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void fineTuningLearnsEntitiesAndTheRunNeedsNothingElse() throws Exception {
    Path pretrained = TinyBert.nerModel(dir.resolve("pretrained"));
    Path train = dir.resolve("train.conll");
    Path dev = dir.resolve("dev.conll");
    Path test = dir.resolve("test.conll");
    CorpusGenerator.writeConll(train, 600, 1, Split.TRAIN);
    // dev and test sentences are new (other seeds), their names new strings of the training
    // split's syllable pools: the tiny model learns the task, not names it saw (the DEV and TEST
    // pools, never seen at all, are the harder benchmark of the BiLSTM tagger)
    CorpusGenerator.writeConll(dev, 100, 2, Split.TRAIN);
    CorpusGenerator.writeConll(test, 150, 3, Split.TRAIN);
    Path run = dir.resolve("run");

    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int exit;
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      exit = BertTaggerTrainerMain.run(trainArgs(pretrained, train, dev, test, run,
          "--iterations", "6"));
    } finally {
      System.setOut(stdout);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    System.out.println(output);
    System.out.printf("trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertEquals(0, exit, output);
    // the load report: the checkpoint's labels are the data's, so its head is kept, reordered
    assertTrue(output.contains("pretrained " + pretrained + ": loaded "), output);
    assertTrue(output.contains("head: kept from the checkpoint, rows reordered"), output);

    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    double f1 = summary.path("test").path("entity_f1").asDouble();
    assertTrue(f1 >= 0.9, "test entity F1 " + f1 + ": " + summary);

    // the run is self-contained: the pretrained directory can go
    deleteTree(pretrained);
    assertEquals(0, BertTaggerTrainerMain.run("evaluate", "--run", run.toString(), "--data",
        test.toString()));
    BertTagger tagger = BertTagger.load(run);
    List<Mention> mentions = tagger.tag("Despite plenatinib , the deminitis worsened .");
    assertFalse(mentions.isEmpty(), "the loaded tagger finds entities");

    // predict --run: every test line back with the predicted tag, the loaded tagger's tags
    Path predicted = dir.resolve("predicted.conll");
    assertEquals(0, BertTaggerTrainerMain.run("predict", "--run", run.toString(), "--data",
        test.toString(), "--out", predicted.toString()));
    List<String> testLines = Files.readAllLines(test).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("-DOCSTART-")).toList();
    int line = 0;
    int correct = 0;
    for (String sentence : Files.readString(predicted).split("\n\n")) {
      List<String[]> columns =
          sentence.strip().lines().map(l -> l.split("\t")).toList();
      List<String> inProcess =
          tagger.tagWords(columns.stream().map(c -> c[0]).toList(), TagScheme.IOB2);
      for (int w = 0; w < columns.size(); w++, line++) {
        assertEquals(testLines.get(line), columns.get(w)[0] + "\t" + columns.get(w)[1]);
        assertEquals(inProcess.get(w), columns.get(w)[2]);
        correct += columns.get(w)[1].equals(columns.get(w)[2]) ? 1 : 0;
      }
    }
    assertEquals(testLines.size(), line);
    assertTrue(correct >= 0.95 * testLines.size(), correct + " of " + testLines.size() + " tags right");

    // export/ was written at the end; the export command writes the same directory anew
    Path export = run.resolve(RunExport.DIRECTORY);
    assertTrue(Files.isRegularFile(export.resolve("model.safetensors")));
    Path again = dir.resolve("export-again");
    assertEquals(0, ExportCommand.run("bert-tagger", "export", "--run",
        run.toString(), "--out", again.toString()));
    assertArrayEquals(Files.readAllBytes(export.resolve("model.safetensors")),
        Files.readAllBytes(again.resolve("model.safetensors")));
    JsonNode config = new ObjectMapper().readTree(export.resolve("config.json").toFile());
    assertEquals(tagger.labels().size(), config.path("id2label").size());
    assertEquals("BertForTokenClassification", config.path("architectures").get(0).asText());

    // export -> trainkit load: identical logits
    float[] fromRun = logits(tagger.model());
    BertCheckpoint exported = BertCheckpoint.open(export);
    try (NDManager manager = NDManager.newBaseManager()) {
      PretrainedModel loaded =
          new PretrainedModel(new BertTokenClassifier(exported.config()), exported);
      Shape shape = new Shape(1, 2);
      loaded.initialize(manager, DataType.FLOAT32, shape, shape, shape);
      assertEquals("kept from the checkpoint", loaded.loadReport().orElseThrow().head());
      assertArrayEquals(fromRun, logits(loaded));
    }
    tagger.close();
    copyForTransformersCheck(export, fromRun);
  }

  /**
   * With {@code -Dbert.export.dir=DIR}: the fine-tuned export and trainkit's logits on {@link
   * #IDS}, for {@code nlp/src/test/python/check_export.py DIR}, which loads the export with real
   * {@code transformers.AutoModelForTokenClassification} and compares.
   */
  private static void copyForTransformersCheck(Path export, float[] logits) throws Exception {
    String target = System.getProperty("bert.export.dir");
    if (target == null) {
      return;
    }
    if (Files.exists(Path.of(target))) {
      deleteTree(Path.of(target));
    }
    Path copy = TinyBert.copy(export, Path.of(target));
    var json = new ObjectMapper();
    var root = json.createObjectNode();
    root.set("input_ids", json.valueToTree(IDS));
    root.set("token_type_ids", json.valueToTree(new long[IDS.length][IDS[0].length]));
    root.set("attention_mask", json.valueToTree(MASK));
    root.set("logits", json.valueToTree(logits));
    Files.writeString(copy.resolve("trainkit-logits.json"), json.writeValueAsString(root));
  }

  /** Eval-mode logits of a fixed batch of two rows with padding. */
  private static final long[][] IDS = {{2, 5, 6, 7, 8, 9, 3}, {2, 10, 11, 3, 0, 0, 0}};
  private static final long[][] MASK = {{1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0, 0}};

  static float[] logits(ai.djl.nn.Block model) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList inputs = new NDList(manager.create(IDS), manager.zeros(new Shape(2, 7),
          DataType.INT64), manager.create(MASK));
      return model.forward(new ParameterStore(manager, false), inputs, false).head()
          .toFloatArray();
    }
  }

  static void deleteTree(Path root) throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
