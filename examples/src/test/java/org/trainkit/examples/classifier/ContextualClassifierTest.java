package org.trainkit.examples.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.Abstract;
import org.trainkit.runtime.History;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.train.Trainer;

/**
 * On abstracts whose labels only the neighbouring sentences tell ({@link ContextCorpus}), a
 * bag-of-words control stays below the bar and the hierarchical classifier (sentence BiLSTM +
 * CRF) passes it; the hierarchical classifier resumes exactly.
 */
class ContextualClassifierTest {

  /** Cue sentences are a third; a bag of words gets the rest right about one time in four. */
  private static final double BAR = 0.8;
  private static final List<Abstract> TRAIN = ContextCorpus.abstracts(240, 1);
  private static final List<Abstract> DEV = ContextCorpus.abstracts(60, 2);

  @TempDir Path dir;

  private static TrainerConfig config(int epochs) {
    return TrainerConfig.builder().iterations(epochs).batchSize(8).learningRate(0.005)
        .monitor("accuracy").loaderWorkers(0).device("cpu").progressBar(false).build();
  }

  private static History train(
      ClassifierOptions options, int epochs, List<Abstract> train, Path run, boolean resume) {
    try (Trainer<Abstract, SentenceClassifier.AbstractExample, SentenceClassifier.AbstractBatch> trainer =
        new Trainer<>(SentenceClassifierTrainable.of(new SentenceClassifier(options)), config(epochs), List.of())) {
      return trainer.train(train, DEV, List.of(), run, resume);
    }
  }

  @Test
  void theContextualClassifierPassesTheBarThatABagOfWordsCannot() throws Exception {
    double bag = train(ClassifierOptions.bagOfWords(), 4, TRAIN, dir.resolve("bag"), false).bestValue();
    History contextual = train(ClassifierOptions.defaults(), 4, TRAIN, dir.resolve("contextual"), false);
    System.out.printf("dev accuracy: bag of words %.4f, contextual %.4f%n", bag, contextual.bestValue());
    assertTrue(bag < BAR, "bag-of-words dev accuracy " + bag);
    assertTrue(contextual.bestValue() >= BAR, "contextual dev accuracy " + contextual.bestValue()
        + " (bag of words " + bag + ")");

    SentenceClassifier loaded = SentenceClassifier.load(dir.resolve("contextual"));
    Abstract first = DEV.get(0);
    List<LabeledSentence> labeled = loaded.classify(first.sentences());
    assertEquals(first.size(), labeled.size());
    loaded.close();

    // A checkpoint from before the word CNN (network.properties without the CNN's keys, no
    // words.txt) is read as the n-gram bag it was trained as.
    Path component = dir.resolve("bag/checkpoints/best/component");
    Path copy = Files.createDirectories(dir.resolve("old-component"));
    Files.copy(component.resolve("labels.txt"), copy.resolve("labels.txt"));
    Files.write(copy.resolve("network.properties"), Files.readAllLines(component.resolve("network.properties"))
        .stream().filter(l -> !l.matches("(encoder|filters|width|wordDropout)=.*")).toList());
    SentenceClassifier old = new SentenceClassifier();
    old.loadState(copy);
    assertEquals(ClassifierOptions.Encoder.BAG, old.options().encoder());
    assertEquals(ClassifierOptions.Context.NONE, old.options().context());
    assertTrue(old.model().getChildren().keys().stream().anyMatch(k -> k.endsWith("ngrams")));
    assertTrue(old.model().getChildren().keys().stream().noneMatch(k -> k.endsWith("cnn")));
  }

  @Test
  void aResumedRunEqualsAnUninterruptedOneBitForBit() {
    List<Abstract> few = TRAIN.subList(0, 80);
    History straight = train(ClassifierOptions.defaults(), 2, few, dir.resolve("straight"), false);
    train(ClassifierOptions.defaults(), 1, few, dir.resolve("resumed"), false);
    History resumed = train(ClassifierOptions.defaults(), 2, few, dir.resolve("resumed"), true);
    assertEquals(2, resumed.iterations().size());
    assertEquals(straight.withoutTimings(), resumed.withoutTimings());
  }
}
