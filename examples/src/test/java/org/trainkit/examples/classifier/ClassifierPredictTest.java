package org.trainkit.examples.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.Abstract;
import org.trainkit.examples.data.CorpusGenerator;
import org.trainkit.examples.data.CorpusGenerator.Split;
import org.trainkit.examples.data.RctReader;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.train.Trainer;

/**
 * Using a trained sentence classifier: the trained instance after its trainer is closed and the
 * restored run label alike, and {@code classifier predict} writes PubMed-RCT with the predicted
 * labels, in input order, also for abstracts given without labels.
 */
class ClassifierPredictTest {

  @TempDir Path dir;

  @Test
  void trainedRestoredAndPredictedLabelsAgree() throws Exception {
    Path train = dir.resolve("train.txt");
    Path test = dir.resolve("test.txt");
    CorpusGenerator.writeRct(train, 300, 21, Split.TRAIN);
    CorpusGenerator.writeRct(test, 40, 23, Split.TEST);
    List<Abstract> trainItems;
    List<Abstract> testItems;
    try (var a = new RctReader().read(train); var b = new RctReader().read(test)) {
      trainItems = a.toList();
      testItems = b.toList();
    }
    Path run = dir.resolve("run");
    SentenceClassifier trained = new SentenceClassifier();
    TrainerConfig config = TrainerConfig.builder().iterations(2).batchSize(16).device("cpu")
        .progressBar(false).build();
    try (Trainer<Abstract, ?, ?> trainer = new Trainer<>(trained.makeTrainable(), config, List.of())) {
      trainer.train(trainItems, List.of(), List.of(), run, false);
    }
    List<List<String>> sentences = testItems.stream().map(Abstract::sentences).toList();
    List<List<LabeledSentence>> inProcess = trained.classifyAll(sentences);
    long right = 0;
    long all = 0;
    for (int i = 0; i < testItems.size(); i++) {
      for (int j = 0; j < testItems.get(i).size(); j++) {
        right += testItems.get(i).labels().get(j).equals(inProcess.get(i).get(j).label()) ? 1 : 0;
        all++;
      }
    }
    // short training: well above chance (1 in 5 labels) is enough here; the bar is SentenceClassifierTest's
    assertTrue(right >= 0.5 * all, "accuracy " + right + "/" + all);
    try (SentenceClassifier restored = SentenceClassifier.load(run)) {
      assertEquals(inProcess, restored.classifyAll(sentences));
      assertEquals(inProcess.get(3), restored.classify(sentences.get(3)));
    }
    trained.close();

    // predict, on the test file without its labels
    Path unlabeled = dir.resolve("unlabeled.txt");
    StringBuilder text = new StringBuilder();
    for (Abstract a : testItems) {
      text.append("###").append(a.id()).append('\n');
      a.sentences().forEach(s -> text.append(s).append('\n'));
      text.append('\n');
    }
    Files.writeString(unlabeled, text);
    Path out = dir.resolve("predicted.txt");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    int code;
    try {
      code = SentenceClassifierTrainerMain.run("predict", "--run", run.toString(),
          "--data", unlabeled.toString(), "--out", out.toString(), "--batch-size", "5");
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    List<Abstract> written;
    try (Stream<Abstract> s = new RctReader().read(out)) {
      written = s.toList();
    }
    assertEquals(testItems.size(), written.size());
    for (int i = 0; i < written.size(); i++) {
      assertEquals(testItems.get(i).id(), written.get(i).id(), "input order");
      assertEquals(testItems.get(i).sentences(), written.get(i).sentences());
      assertEquals(inProcess.get(i).stream().map(LabeledSentence::label).toList(), written.get(i).labels());
    }
  }
}
