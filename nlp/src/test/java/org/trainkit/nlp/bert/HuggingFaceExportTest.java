package org.trainkit.nlp.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading with the head's labels in another order reorders its rows; an export loads back into
 * trainkit with bit-identical logits. With {@code -Dbert.export.dir=DIR} the token-classifier
 * export and trainkit's logits are also written to DIR for {@code check_export.py}, which loads
 * them with real transformers.
 */
class HuggingFaceExportTest {

  private static final List<String> REORDERED =
      List.of("I-DISEASE", "B-DISEASE", "O", "I-DRUG", "B-DRUG");

  @TempDir Path temp;

  @Test
  void headRowsFollowTheGivenLabelOrder() {
    BertCheckpoint checkpoint = BertCheckpoint.open(Fixtures.tokenModel());
    Fixtures.Recorded recorded = Fixtures.Recorded.of("token-model");
    try (NDManager manager = NDManager.newBaseManager()) {
      BertTokenClassifier model = new BertTokenClassifier(checkpoint.config().withLabels(REORDERED));
      model.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, recorded.inputShape(),
          recorded.inputShape(), recorded.inputShape());
      LoadReport report = checkpoint.loadInto(model);
      assertTrue(report.head().contains("reordered"), report.head());
      assertEquals(List.of(), report.newParameters());

      float[] logits = Fixtures.logits(manager, model, recorded.inputs(manager));
      List<String> original = checkpoint.config().labels();
      float[] expected = new float[logits.length];
      for (int row = 0; row < logits.length / 5; row++) {
        for (int j = 0; j < 5; j++) {
          expected[row * 5 + j] = recorded.logits()[row * 5 + original.indexOf(REORDERED.get(j))];
        }
      }
      float difference = Fixtures.maxAbsDifference(logits, expected);
      assertTrue(difference < 1e-4f, "reordered head: " + difference);
    }
  }

  @Test
  void otherLabelsGiveANewHeadAndSaySo() {
    BertCheckpoint checkpoint = BertCheckpoint.open(Fixtures.tokenModel());
    Fixtures.Recorded recorded = Fixtures.Recorded.of("token-model");
    try (NDManager manager = NDManager.newBaseManager()) {
      BertTokenClassifier model = new BertTokenClassifier(
          checkpoint.config().withLabels(List.of("O", "B-GENE", "I-GENE")));
      model.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, recorded.inputShape(),
          recorded.inputShape(), recorded.inputShape());
      LoadReport report = checkpoint.loadInto(model);
      assertEquals(List.of("classifier.weight", "classifier.bias"), report.newParameters());
      assertEquals(List.of("classifier.bias", "classifier.weight"),
          report.unused().stream().sorted().toList());
      assertTrue(report.head().startsWith("new"), report.head());
      assertTrue(report.describe().contains("new (not in the checkpoint): classifier.weight"),
          report.describe());
    }
  }

  @Test
  void tokenClassifierExportLoadsBackWithIdenticalLogits() throws IOException {
    Path export = roundTrip("token-model", true);
    Path copyTo = System.getProperty("bert.export.dir") == null
        ? null : Path.of(System.getProperty("bert.export.dir"));
    if (copyTo != null) {
      Files.createDirectories(copyTo);
      try (Stream<Path> files = Files.list(export)) {
        for (Path f : files.toList()) {
          Files.copy(f, copyTo.resolve(f.getFileName()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.copy(temp.resolve("trainkit-logits.json"), copyTo.resolve("trainkit-logits.json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    JsonNode config = Fixtures.json(export.resolve("config.json"));
    assertEquals("BertForTokenClassification", config.get("architectures").get(0).asText());
    assertEquals("I-DISEASE", config.get("id2label").get("0").asText());
    assertEquals(4, config.get("label2id").get("B-DRUG").asInt());
  }

  @Test
  void sequenceClassifierExportLoadsBackWithIdenticalLogits() throws IOException {
    roundTrip("sequence-model", false);
  }

  @Test
  void exportReplacesAnOldDirectoryWhole() throws IOException {
    Path export = temp.resolve("export");
    Files.createDirectories(export);
    Files.writeString(export.resolve("stale.txt"), "from an earlier run");
    try (NDManager manager = NDManager.newBaseManager()) {
      BertCheckpoint checkpoint = BertCheckpoint.open(Fixtures.sequenceModel());
      BertSequenceClassifier model = Fixtures.load(manager, checkpoint,
          new BertSequenceClassifier(checkpoint.config()), new ai.djl.ndarray.types.Shape(1, 4));
      HuggingFaceExport.write(export, model, checkpoint.directory());
    }
    try (Stream<Path> files = Files.list(temp)) {
      assertEquals(List.of("export"), files.map(p -> p.getFileName().toString()).toList(),
          "no temporary directory is left behind");
    }
    try (Stream<Path> files = Files.list(export)) {
      assertEquals(List.of("config.json", "model.safetensors", "tokenizer.json",
              "tokenizer_config.json", "vocab.txt"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  /** Loads a fixture (token model: with reordered labels), exports it, loads the export. */
  private Path roundTrip(String name, boolean tokens) throws IOException {
    BertCheckpoint checkpoint = BertCheckpoint.open(Fixtures.bertDirectory().resolve(name));
    Fixtures.Recorded recorded = Fixtures.Recorded.of(name);
    Path export = temp.resolve(name + "-export");
    float[] before;
    float[] after;
    try (NDManager manager = NDManager.newBaseManager()) {
      HuggingFaceModel model = tokens
          ? new BertTokenClassifier(checkpoint.config().withLabels(REORDERED))
          : new BertSequenceClassifier(checkpoint.config());
      Fixtures.load(manager, checkpoint, model, recorded.inputShape());
      before = Fixtures.logits(manager, model, recorded.inputs(manager));
      HuggingFaceExport.write(export, model, checkpoint.directory());
    }
    BertCheckpoint exported = BertCheckpoint.open(export);
    try (NDManager manager = NDManager.newBaseManager()) {
      HuggingFaceModel model = tokens
          ? new BertTokenClassifier(exported.config())
          : new BertSequenceClassifier(exported.config());
      Fixtures.load(manager, exported, model, recorded.inputShape());
      after = Fixtures.logits(manager, model, recorded.inputs(manager));
      LoadReport report = exported.loadInto(model);
      assertEquals("kept from the checkpoint", report.head());
      assertEquals(List.of(), report.newParameters());
      assertEquals(List.of(), report.unused());
    }
    assertArrayEquals(before, after, "export → load must give bit-identical logits");
    writeLogits(temp.resolve("trainkit-logits.json"), recorded, before);
    return export;
  }

  private static void writeLogits(Path file, Fixtures.Recorded recorded, float[] logits)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.set("input_ids", json.valueToTree(recorded.inputIds()));
    root.set("token_type_ids", json.valueToTree(recorded.typeIds()));
    root.set("attention_mask", json.valueToTree(recorded.mask()));
    root.set("logits", json.valueToTree(logits));
    Files.writeString(file, json.writeValueAsString(root));
  }
}
