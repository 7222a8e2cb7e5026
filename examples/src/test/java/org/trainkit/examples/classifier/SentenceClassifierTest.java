package org.trainkit.examples.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.Abstract;
import org.trainkit.examples.data.CorpusGenerator;
import org.trainkit.examples.data.CorpusGenerator.Split;
import org.trainkit.examples.data.RctReader;
import org.trainkit.runtime.History;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.cli.TrainerCli;
import org.trainkit.runtime.config.TrainerConfig;

/** The sentence classifier, trained through its generated Dagger component, passes the bar. */
class SentenceClassifierTest {

  @TempDir Path dir;

  @Test
  void reachesTheAccuracyBarAndReportsEveryClassificationMetric() throws Exception {
    Path train = dir.resolve("train.txt");
    Path dev = dir.resolve("dev.txt");
    Path test = dir.resolve("test.txt");
    CorpusGenerator.writeRct(train, 400, 11, Split.TRAIN);
    CorpusGenerator.writeRct(dev, 150, 12, Split.DEV);
    CorpusGenerator.writeRct(test, 150, 13, Split.TEST);
    RctReader reader = new RctReader();
    List<Abstract> trainItems;
    List<Abstract> devItems;
    List<Abstract> testItems;
    try (var a = reader.read(train); var b = reader.read(dev); var c = reader.read(test)) {
      trainItems = a.toList();
      devItems = b.toList();
      testItems = c.toList();
    }
    TrainerConfig config = TrainerConfig.builder()
        .iterations(4).batchSize(16).monitor("accuracy").device("cpu").progressBar(false).build();
    Path run = dir.resolve("run");
    History history;
    try (Trainer<Abstract, ?, ?> trainer =
        DaggerSentenceClassifierTrainerComponent.factory().create(config).trainer()) {
      history = trainer.train(trainItems, devItems, testItems, run, false);
    }
    assertTrue(history.iterations().get(3).trainLoss() < history.iterations().get(0).trainLoss());

    JsonNode testMetrics = new ObjectMapper().readTree(run.resolve("summary.json").toFile()).path("test");
    double accuracy = testMetrics.path("accuracy").asDouble();
    assertTrue(accuracy >= 0.85, "test accuracy " + accuracy);
    for (String label : CorpusGenerator.RCT_LABELS) {
      for (String metric : List.of("precision/", "recall/", "f1/")) {
        assertTrue(testMetrics.has(metric + label), metric + label);
      }
    }
    assertTrue(testMetrics.has("macro_f1") && testMetrics.has("weighted_f1"));
    double diagonal = 0;
    double all = 0;
    for (String gold : CorpusGenerator.RCT_LABELS) {
      for (String predicted : CorpusGenerator.RCT_LABELS) {
        double n = testMetrics.path("confusion/" + gold + "/" + predicted).asDouble();
        all += n;
        diagonal += gold.equals(predicted) ? n : 0;
      }
    }
    assertEquals(accuracy, diagonal / all, 1e-9, "the confusion matrix agrees with accuracy");

    // the operation, loaded like an application would, labels an abstract
    SentenceClassifier classifier = SentenceClassifier.load(run);
    Abstract first = testItems.get(0);
    List<LabeledSentence> labeled = classifier.classify(first.sentences());
    assertEquals(first.size(), labeled.size());
    int right = 0;
    for (int i = 0; i < labeled.size(); i++) {
      assertTrue(labeled.get(i).probability() > 0 && labeled.get(i).probability() <= 1);
      right += labeled.get(i).label().equals(first.labels().get(i)) ? 1 : 0;
    }
    assertTrue(right >= labeled.size() / 2, right + " of " + labeled.size());

    // and the generated entry point evaluates the saved run
    assertEquals(0, SentenceClassifierTrainerMain.run("evaluate", "--run", run.toString(), "--data", test.toString()));
    assertEquals(TrainerCli.USAGE, SentenceClassifierTrainerMain.run("evaluate", "--run", dir.resolve("none").toString(), "--data", test.toString()));
  }
}
