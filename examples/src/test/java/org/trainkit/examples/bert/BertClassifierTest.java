package org.trainkit.examples.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.CorpusGenerator;
import org.trainkit.examples.data.CorpusGenerator.Split;
import org.trainkit.nlp.bert.BertCheckpoint;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.HistoryJson;

/**
 * Examples' small pretrained BERT (a token-classification checkpoint: no pooler, another head)
 * fine-tuned as a sentence classifier through the generated {@code bert-classifier} command line
 * on generated PubMed-RCT abstracts (the pooler and the head are new, and the run says so) learns: the training loss falls, dev
 * accuracy is well above chance; the export is a {@code BertForSequenceClassification} with the
 * run's labels.
 */
class BertClassifierTest {

  @TempDir Path dir;

  @Test
  void fineTuningLearnsAndExports() throws Exception {
    Path pretrained = TinyBert.nerModel(dir.resolve("pretrained"));
    Path train = dir.resolve("train.txt");
    Path dev = dir.resolve("dev.txt");
    CorpusGenerator.writeRct(train, 80, 11, Split.TRAIN);
    CorpusGenerator.writeRct(dev, 20, 12, Split.DEV);
    Path run = dir.resolve("run");
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      exit = BertClassifierTrainerMain.run("train", "--pretrained", pretrained.toString(),
          "--train", train.toString(), "--dev", dev.toString(), "--out", run.toString(),
          "--iterations", "2", "--set", "learningRate=0.003", "--set", "warmupSteps=10",
          "--set", "progressBar=false", "--workers", "0");
    } finally {
      System.setOut(stdout);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    System.out.println(output);
    assertEquals(0, exit, output);
    assertTrue(output.contains("head: new (the checkpoint's labels [O, B-DRUG, I-DRUG, B-DISEASE,"
        + " I-DISEASE] are not this model's [BACKGROUND, CONCLUSIONS, METHODS, OBJECTIVE,"
        + " RESULTS])"), output);
    assertTrue(output.contains("new (not in the checkpoint): bert.pooler.dense.weight,"
        + " bert.pooler.dense.bias"), output);

    History history = HistoryJson.read(run.resolve("history.json"));
    double first = history.iterations().get(0).trainLoss();
    double last = history.iterations().get(1).trainLoss();
    assertTrue(last < first, "training loss " + first + " -> " + last);
    double accuracy = history.iterations().get(1).metrics().get("accuracy");
    assertTrue(accuracy >= 0.5, "dev accuracy " + accuracy + " (chance: about 0.2)");

    BertCheckpoint export = BertCheckpoint.open(run.resolve(RunExport.DIRECTORY));
    assertEquals(java.util.List.of("BACKGROUND", "CONCLUSIONS", "METHODS", "OBJECTIVE", "RESULTS"),
        export.config().labels());
    JsonNode config = new ObjectMapper().readTree(
        run.resolve(RunExport.DIRECTORY).resolve("config.json").toFile());
    assertEquals("BertForSequenceClassification", config.path("architectures").get(0).asText());

    // predict --run writes PubMed-RCT with the labels the loaded classifier gives in Java
    java.nio.file.Path predicted = dir.resolve("predicted.txt");
    assertEquals(0, BertClassifierTrainerMain.run("predict", "--run", run.toString(), "--data",
        dev.toString(), "--out", predicted.toString()));
    java.util.List<String> input = java.nio.file.Files.readAllLines(dev);
    java.util.List<String> written = java.nio.file.Files.readAllLines(predicted);
    assertEquals(input.size(), written.size());
    java.util.List<String> sentences = new java.util.ArrayList<>();
    java.util.List<String> labels = new java.util.ArrayList<>();
    int correct = 0;
    for (int i = 0; i < input.size(); i++) {
      if (input.get(i).isBlank() || input.get(i).startsWith("###")) {
        assertEquals(input.get(i), written.get(i));
        continue;
      }
      String[] gold = input.get(i).split("\t", 2);
      String[] label = written.get(i).split("\t", 2);
      assertEquals(gold[1], label[1]);
      sentences.add(gold[1]);
      labels.add(label[0]);
      correct += gold[0].equals(label[0]) ? 1 : 0;
    }
    assertTrue(correct >= 0.5 * sentences.size(), correct + " of " + sentences.size());
    BertClassifier classifier = BertClassifier.load(run);
    java.util.List<org.trainkit.examples.classifier.LabeledSentence> inJava =
        classifier.classify(sentences);
    for (int i = 0; i < sentences.size(); i++) {
      assertEquals(labels.get(i), inJava.get(i).label(), sentences.get(i));
      assertTrue(inJava.get(i).probability() > 1.0 / 5 && inJava.get(i).probability() <= 1.0);
    }
    classifier.close();
  }
}
