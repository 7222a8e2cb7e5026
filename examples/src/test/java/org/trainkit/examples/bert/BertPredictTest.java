package org.trainkit.examples.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.ConllReader;
import org.trainkit.examples.tagger.Mention;

/**
 * {@code predict --pretrained DIR} uses a fine-tuned checkpoint as it is, untrained, and predicts
 * what real {@code transformers} predicts with it ({@code make_predict_reference.py}): the
 * tagger writes every input column back with the predicted tag appended, in the input file's
 * scheme; the classifier writes PubMed-RCT. {@code BertTagger.fromPretrained} tags the same in
 * Java, from several threads at once. A command that cannot work is refused with one message.
 */
class BertPredictTest {

  private static final Path REFERENCE =
      Path.of("src", "test", "resources", "bert", "predict");

  @TempDir Path dir;
  private String printed;
  private String errors;

  private int run(Function<String[], Integer> main, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return main.apply(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      printed = out.toString(StandardCharsets.UTF_8);
      errors = err.toString(StandardCharsets.UTF_8);
    }
  }

  private int tagger(String... args) {
    return run(BertTaggerTrainerMain::run, args);
  }

  /** The real model's label of each word, per sentence, as {@code transformers} predicted it. */
  private static List<List<String>> referenceLabels(String file) throws Exception {
    JsonNode root = new ObjectMapper().readTree(REFERENCE.resolve(file).toFile());
    List<List<String>> sentences = new ArrayList<>();
    for (JsonNode sentence : root.path("labels")) {
      List<String> labels = new ArrayList<>();
      sentence.forEach(label -> labels.add(label.asText()));
      sentences.add(labels);
    }
    return sentences;
  }

  /** A file's sentences as lists of lines, without {@code -DOCSTART-} lines. */
  private static List<List<String>> sentenceLines(Path file) throws Exception {
    List<List<String>> sentences = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith(ConllReader.DOCSTART)) {
        continue;
      }
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          sentences.add(current);
        }
        current = new ArrayList<>();
      } else {
        current.add(line);
      }
    }
    if (!current.isEmpty()) {
      sentences.add(current);
    }
    return sentences;
  }

  /** Writes {@code sentences} (lines) as a CoNLL file. */
  private static Path write(Path file, List<List<String>> sentences) throws Exception {
    StringBuilder text = new StringBuilder();
    for (List<String> lines : sentences) {
      lines.forEach(line -> text.append(line).append('\n'));
      text.append('\n');
    }
    return Files.writeString(file, text);
  }

  /** Predicts {@code input} with the NER checkpoint and checks each line is kept, with {@code scheme}'s tags appended. */
  private void assertPredicted(Path pretrained, List<List<String>> input, TagScheme scheme)
      throws Exception {
    Path data = write(dir.resolve("in-" + scheme + input.get(0).get(0).split("\t").length + ".conll"), input);
    Path out = dir.resolve(data.getFileName() + ".out");
    assertEquals(0, tagger("predict", "--pretrained", pretrained.toString(), "--data",
        data.toString(), "--out", out.toString()), errors);
    assertTrue(printed.contains("wrote 24 predictions to " + out), printed);
    List<List<String>> expected = referenceLabels("expected.json");
    List<List<String>> written = sentenceLines(out);
    assertEquals(input.size(), written.size());
    for (int s = 0; s < input.size(); s++) {
      // a sentence whose tags show no entity has no scheme of its own: the tagger's (IOB2)
      boolean entities = input.get(s).stream().anyMatch(l -> l.matches(".*\t[BIES]-.*"));
      List<String> tags = (entities ? scheme : TagScheme.IOB2).encode(expected.get(s));
      for (int w = 0; w < input.get(s).size(); w++) {
        assertEquals(input.get(s).get(w) + "\t" + tags.get(w), written.get(s).get(w),
            "sentence " + s + ", word " + w);
      }
    }
  }

  @Test
  void taggerPredictsWhatTransformersPredictsInTheInputFilesScheme() throws Exception {
    Path pretrained = TinyBert.nerModel(dir.resolve("ner"));
    List<List<String>> iob2 = sentenceLines(REFERENCE.resolve("input.conll"));
    assertPredicted(pretrained, iob2, TagScheme.IOB2);

    // the same words with their gold tags in IOBES: the predictions come back in IOBES
    List<List<String>> iobes = new ArrayList<>();
    for (List<String> lines : iob2) {
      List<String> tags = TagScheme.IOBES.encode(lines.stream().map(l -> l.split("\t")[1]).toList());
      List<String> converted = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        converted.add(lines.get(i).split("\t")[0] + "\t" + tags.get(i));
      }
      iobes.add(converted);
    }
    assertTrue(iobes.stream().flatMap(List::stream).anyMatch(l -> l.endsWith("\tE-DISEASE")));
    assertPredicted(pretrained, iobes, TagScheme.IOBES);

    // tokens only: the scheme the tagger is set to (IOB2 by default)
    List<List<String>> tokens =
        iob2.stream().map(lines -> lines.stream().map(l -> l.split("\t")[0]).toList()).toList();
    assertPredicted(pretrained, tokens, TagScheme.IOB2);
  }

  @Test
  void fromPretrainedTagsTheSameInJavaFromSeveralThreads() throws Exception {
    Path pretrained = TinyBert.nerModel(dir.resolve("ner"));
    List<List<String>> words = sentenceLines(REFERENCE.resolve("input.conll")).stream()
        .map(lines -> lines.stream().map(l -> l.split("\t")[0]).toList()).toList();
    List<List<String>> expected = referenceLabels("expected.json");
    BertTagger tagger = BertTagger.fromPretrained(pretrained);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> tagged = new ArrayList<>();
      for (List<String> sentence : words) {
        tagged.add(threads.submit(() -> tagger.tagWords(sentence, TagScheme.IOB2)));
      }
      for (int s = 0; s < words.size(); s++) {
        assertEquals(TagScheme.IOB2.encode(expected.get(s)), tagged.get(s).get(), "sentence " + s);
      }
    } finally {
      threads.shutdownNow();
    }
    // a text: its mentions are those of its words' tags
    String text = String.join(" ", words.get(0));
    List<Mention> mentions = tagger.tag(text);
    assertFalse(mentions.isEmpty());
    for (Mention m : mentions) {
      assertEquals(text.substring(m.start(), m.end()), m.text());
    }
    tagger.close();
  }

  @Test
  void textInputGivesOneJsonLinePerDocument() throws Exception {
    Path pretrained = TinyBert.nerModel(dir.resolve("ner"));
    List<String> documents = sentenceLines(REFERENCE.resolve("input.conll")).stream()
        .map(lines -> String.join(" ", lines.stream().map(l -> l.split("\t")[0]).toList()))
        .limit(5).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    documents.add(2, ""); // an empty document keeps its line
    Path data = Files.write(dir.resolve("docs.txt"), documents);
    Path out = dir.resolve("docs.jsonl");
    assertEquals(0, tagger("predict", "--pretrained", pretrained.toString(), "--data",
        data.toString(), "--format", "text", "--out", out.toString()), errors);
    List<String> lines = Files.readAllLines(out);
    assertEquals(documents.size(), lines.size());
    BertTagger inJava = BertTagger.fromPretrained(pretrained);
    for (int i = 0; i < documents.size(); i++) {
      JsonNode line = new ObjectMapper().readTree(lines.get(i));
      assertEquals(documents.get(i), line.path("text").asText());
      List<Mention> mentions = inJava.tag(documents.get(i));
      assertEquals(mentions.size(), line.path("entities").size(), lines.get(i));
      for (int m = 0; m < mentions.size(); m++) {
        assertEquals(mentions.get(m).start(), line.path("entities").get(m).path("start").asInt());
        assertEquals(mentions.get(m).type(), line.path("entities").get(m).path("type").asText());
      }
    }
    inJava.close();
  }

  @Test
  void classifierPredictsWhatTransformersPredicts() throws Exception {
    Path pretrained = TinyBert.copy(
        Path.of("..", "nlp", "src", "test", "resources", "bert", "sequence-model"), dir.resolve("seq"));
    Path data = REFERENCE.resolve("input-rct.txt");
    Path out = dir.resolve("out.txt");
    assertEquals(0, run(BertClassifierTrainerMain::run, "predict", "--pretrained",
        pretrained.toString(), "--set", "options.maxLength=64", "--data", data.toString(),
        "--out", out.toString()), errors);
    List<String> expected = new ArrayList<>();
    new ObjectMapper().readTree(REFERENCE.resolve("expected-rct.json").toFile()).path("labels")
        .forEach(label -> expected.add(label.asText()));
    List<String> input = Files.readAllLines(data);
    List<String> written = Files.readAllLines(out);
    assertEquals(input.size(), written.size());
    int sentence = 0;
    for (int i = 0; i < input.size(); i++) {
      String line = input.get(i);
      if (line.isBlank() || line.startsWith("###")) {
        assertEquals(line, written.get(i));
      } else {
        assertEquals(expected.get(sentence++) + "\t" + line.split("\t", 2)[1], written.get(i));
      }
    }
    assertEquals(expected.size(), sentence);
  }

  @Test
  void whatCannotPredictIsRefusedWithOneMessage() throws Exception {
    Path pretrained = TinyBert.nerModel(dir.resolve("ner"));
    Path data = REFERENCE.resolve("input.conll");
    Path out = dir.resolve("out.conll");

    assertEquals(2, tagger("predict", "--data", data.toString(), "--out", out.toString()));
    assertEquals("error: give the model to predict with: --run RUN (a trained run) or"
        + " --pretrained DIR", errors.strip());
    assertEquals(2, tagger("predict", "--run", dir.toString(), "--pretrained",
        pretrained.toString(), "--data", data.toString(), "--out", out.toString()));
    assertEquals("error: give --run or --pretrained, not both", errors.strip());
    assertEquals(2, tagger("predict", "--run", dir.toString(), "--set", "options.maxLength=64",
        "--data", data.toString(), "--out", out.toString()));
    assertEquals("error: --set is for --pretrained: a run predicts with the configuration it was"
        + " trained with", errors.strip());

    // a checkpoint without a token-classification head's labels
    Path plain = TinyBert.nerModel(dir.resolve("plain"));
    JsonNode config = new ObjectMapper().readTree(plain.resolve("config.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) config).remove(List.of("id2label", "label2id"));
    Files.writeString(plain.resolve("config.json"), config.toString());
    assertEquals(2, tagger("predict", "--pretrained", plain.toString(), "--data",
        data.toString(), "--out", out.toString()));
    assertTrue(errors.contains("has no id2label: this checkpoint has no token-classification"
        + " head to predict with; fine-tune it first"), errors);

    // a component that cannot predict untrained
    assertEquals(2, run(org.trainkit.examples.tagger.EntityTaggerTrainerMain::run, "predict",
        "--pretrained", pretrained.toString(), "--data", data.toString(), "--out",
        out.toString()));
    assertEquals(1, errors.strip().lines().count(), errors);
    assertEquals("error: --pretrained: this component uses no pretrained model, so it cannot"
        + " predict without training; train it, then predict with --run RUN", errors.strip());
    assertFalse(Files.exists(out), "nothing written");
  }
}
