package org.trainkit.examples.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.CorpusGenerator;
import org.trainkit.examples.data.CorpusGenerator.Split;

/**
 * A pretrained directory that cannot be used stops {@code bert-tagger train} with one message
 * naming the file and what is expected, exit code 2, and nothing written: the run directory is
 * not even created.
 */
class BertBadInputTest {

  @TempDir Path dir;
  private String errors;

  private int run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return BertTaggerTrainerMain.run(args);
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
      errors = err.toString(StandardCharsets.UTF_8);
    }
  }

  private void assertRefused(Path pretrained, String message) throws Exception {
    Path train = dir.resolve("train.conll");
    if (!Files.exists(train)) {
      CorpusGenerator.writeConll(train, 20, 1, Split.TRAIN);
    }
    Path out = dir.resolve("run");
    int code = run("train", "--pretrained", pretrained.toString(), "--train", train.toString(),
        "--out", out.toString(), "--iterations", "1", "--set", "progressBar=false");
    assertEquals(2, code, errors);
    assertEquals("error: " + message, errors.strip());
    assertFalse(Files.exists(out), "nothing written");
  }

  private Path model(String name) throws Exception {
    return TinyBert.nerModel(dir.resolve(name));
  }

  private static void replace(Path file, String from, String to) throws Exception {
    String text = Files.readString(file);
    assertTrue(text.contains(from), from);
    Files.writeString(file, text.replace(from, to));
  }

  @Test
  void missingFilesAreNamed() throws Exception {
    Path noConfig = model("no-config");
    Files.delete(noConfig.resolve("config.json"));
    assertRefused(noConfig, noConfig.resolve("config.json") + ": missing: a Hugging Face model"
        + " directory needs its config.json (as save_pretrained writes it)");

    Path noWeights = model("no-weights");
    Files.delete(noWeights.resolve("model.safetensors"));
    assertRefused(noWeights, noWeights.resolve("model.safetensors")
        + ": missing: the model's weights are expected in model.safetensors");

    Path noTokenizer = model("no-tokenizer");
    Files.delete(noTokenizer.resolve("tokenizer.json"));
    Files.delete(noTokenizer.resolve("vocab.txt"));
    assertRefused(noTokenizer, noTokenizer.resolve("tokenizer.json") + ": missing, and no"
        + " vocab.txt either: the tokenizer is expected in tokenizer.json or vocab.txt");
  }

  @Test
  void aPickleAloneIsRefusedWithHowToConvertIt() throws Exception {
    Path pickle = model("pickle");
    Files.delete(pickle.resolve("model.safetensors"));
    Files.write(pickle.resolve("pytorch_model.bin"), new byte[] {'P', 'K', 3, 4});
    assertRefused(pickle, pickle.resolve("pytorch_model.bin") + ": PyTorch pickle weights are"
        + " not read (loading a pickle can run code); convert it to safetensors, e.g. in Python:"
        + " AutoModel.from_pretrained(dir).save_pretrained(dir, safe_serialization=True)");
  }

  @Test
  void anotherArchitectureAShapeMismatchAndATruncatedFileAreNamed() throws Exception {
    Path roberta = model("roberta");
    replace(roberta.resolve("config.json"), "\"model_type\": \"bert\"",
        "\"model_type\": \"roberta\"");
    assertRefusedContaining(roberta, roberta.resolve("config.json") + ": ", "roberta", "bert");

    Path shape = model("shape");
    replace(shape.resolve("config.json"), "\"vocab_size\": 2588", "\"vocab_size\": 2589");
    assertRefusedContaining(shape, shape.resolve("model.safetensors") + ": tensor ",
        "word_embeddings.weight has shape [2588, 64] but config.json makes it [2589, 64]");

    Path truncated = model("truncated");
    Path weights = truncated.resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertRefusedContaining(truncated, weights + ": ");
  }

  private void assertRefusedContaining(Path pretrained, String start, String... parts)
      throws Exception {
    Path train = dir.resolve("train.conll");
    if (!Files.exists(train)) {
      CorpusGenerator.writeConll(train, 20, 1, Split.TRAIN);
    }
    Path out = dir.resolve("run");
    int code = run("train", "--pretrained", pretrained.toString(), "--train", train.toString(),
        "--out", out.toString(), "--iterations", "1", "--set", "progressBar=false");
    assertEquals(2, code, errors);
    String message = errors.strip();
    assertTrue(message.startsWith("error: " + start), message);
    assertEquals(1, message.lines().count(), "one message: " + message);
    for (String part : parts) {
      assertTrue(message.contains(part), message);
    }
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void aNewRunWithoutPretrainedModelLeavesNoRunDirectory() throws Exception {
    Path train = dir.resolve("train.conll");
    CorpusGenerator.writeConll(train, 20, 1, Split.TRAIN);
    Path out = dir.resolve("run");
    int code = run("train", "--train", train.toString(), "--out", out.toString(),
        "--iterations", "1", "--set", "progressBar=false");
    assertEquals(2, code, errors);
    assertTrue(errors.strip().startsWith("error: options.pretrained is not set: a new run starts"
        + " from a pretrained model; pass --pretrained DIR"), errors);
    assertFalse(Files.exists(out), "nothing written");
  }
}
