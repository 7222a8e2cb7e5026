package org.trainkit.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.ConllReader;
import org.trainkit.examples.data.CorpusGenerator;
import org.trainkit.examples.data.CorpusGenerator.Split;
import org.trainkit.examples.data.Sentence;
import org.trainkit.runtime.History;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.train.Trainer;

/**
 * The tagger's default network — character CNN, BiLSTM, CRF with BIO-constrained Viterbi — learns
 * the generated corpus, resumes exactly, keeps the pretrained rows it was fitted with, and the
 * softmax decoder stays selectable.
 */
class TaggerCrfTest {

  @TempDir static Path data;
  @TempDir Path dir;

  private static List<Sentence> train;
  private static List<Sentence> dev;

  @BeforeAll
  static void corpora() throws IOException {
    CorpusGenerator.writeConll(data.resolve("train.conll"), 600, 1, Split.TRAIN);
    CorpusGenerator.writeConll(data.resolve("dev.conll"), 150, 2, Split.DEV);
    train = read(data.resolve("train.conll"));
    dev = read(data.resolve("dev.conll"));
  }

  private static List<Sentence> read(Path file) throws IOException {
    try (var s = new ConllReader().read(file)) {
      return s.collect(Collectors.toList());
    }
  }

  private static TrainerConfig config(int epochs) {
    return TrainerConfig.builder().iterations(epochs).batchSize(16).learningRate(0.005)
        .monitor("entity_f1").loaderWorkers(0).device("cpu").progressBar(false).build();
  }

  private static History train(EntityTagger tagger, int epochs, Path run, boolean resume) {
    try (Trainer<Sentence, EntityTagger.TaggerExample, EntityTagger.TaggerBatch> trainer =
        new Trainer<>(EntityTaggerTrainable.of(tagger), config(epochs), List.of())) {
      return trainer.train(train, dev, List.of(), run, resume);
    }
  }

  @Test
  void theCrfTaggerLearnsUnseenNamesAndDecodesValidSpans() throws Exception {
    Path run = dir.resolve("run");
    History history = train(new EntityTagger(), 3, run, false);
    double f1 = history.bestValue();
    System.out.printf("CRF tagger dev entity F1 %.4f%n", f1);
    assertTrue(f1 >= 0.8, "dev entity F1 " + f1);
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/last/component/characters.txt")));

    EntityTagger loaded = EntityTagger.load(run);
    assertEquals(EntityTaggerOptions.Decoder.CRF, loaded.options().decoder());
    List<Mention> mentions = loaded.tag(String.join(" ", dev.get(0).tokens()));
    assertNotNull(mentions);
  }

  @Test
  void aResumedRunEqualsAnUninterruptedOneBitForBit() {
    History straight = train(new EntityTagger(), 2, dir.resolve("straight"), false);
    train(new EntityTagger(), 1, dir.resolve("resumed"), false);
    History resumed = train(new EntityTagger(), 2, dir.resolve("resumed"), true);
    assertEquals(2, resumed.iterations().size());
    // losses and dev metrics of every epoch, compared as exact doubles
    assertEquals(straight.withoutTimings(), resumed.withoutTimings());
  }

  @Test
  void stackedLayersAndWordDropoutAreOptionsAndTheLoadedTaggerKeepsTheLayers() throws Exception {
    EntityTaggerOptions d = EntityTaggerOptions.defaults();
    EntityTaggerOptions twoLayers = new EntityTaggerOptions(d.decoder(), d.characterFilters(),
        d.wordDimension(), d.hidden(), 2, d.dropout(), 0.3, d.vectors(), d.fineTuneVectors());
    Path run = dir.resolve("layers");
    History history = train(new EntityTagger(twoLayers), 2, run, false);
    assertTrue(history.iterations().get(1).trainLoss() < history.iterations().get(0).trainLoss());
    // a tagger created with one layer rebuilds the two-layer network its checkpoint holds
    EntityTagger loaded = EntityTagger.load(run);
    assertEquals(2, loaded.options().layers());
    assertNotNull(loaded.tag(String.join(" ", dev.get(0).tokens())));
    assertThrows(IllegalArgumentException.class, () -> new EntityTaggerOptions(d.decoder(),
        d.characterFilters(), d.wordDimension(), d.hidden(), 0, d.dropout(), 0.1, "", true));
  }

  @Test
  void theSoftmaxDecoderIsAnOption() throws Exception {
    EntityTagger tagger = new EntityTagger(EntityTaggerOptions.defaults().withDecoder(EntityTaggerOptions.Decoder.SOFTMAX));
    Path run = dir.resolve("softmax");
    History history = train(tagger, 2, run, false);
    assertTrue(history.iterations().get(1).trainLoss() < history.iterations().get(0).trainLoss());
    EntityTagger loaded = EntityTagger.load(run);
    assertEquals(EntityTaggerOptions.Decoder.SOFTMAX, loaded.options().decoder());
    assertNull(((TaggerNetwork) loaded.model()).crf());
  }

  @Test
  void pretrainedRowsAreKeptInTheRunSoTheVectorsFileIsNotNeededToPredict() throws Exception {
    // vectors for some training words, in GloVe's format (no header), one in upper case only
    Path vectors = dir.resolve("vectors.txt");
    List<String> lines = new ArrayList<>();
    List<String> words = train.get(0).tokens();
    for (int i = 0; i < words.size(); i++) {
      String w = i == 0 ? words.get(i).toUpperCase() : words.get(i).toLowerCase();
      lines.add(w + " " + (0.01f * i) + " " + (-0.02f * i) + " 0.5 0.25");
    }
    Files.write(vectors, lines);
    EntityTagger tagger = new EntityTagger(EntityTaggerOptions.defaults().withVectors(vectors.toString()));
    Path run = dir.resolve("vectors");
    train(tagger, 1, run, false);
    Path kept = run.resolve("checkpoints/last/component/" + EntityTagger.VECTORS_FILE);
    assertTrue(Files.isRegularFile(kept));
    Files.delete(vectors);

    EntityTagger loaded = EntityTagger.load(run);
    var embedding = (org.trainkit.nlp.embed.PretrainedEmbedding) loaded.model().getChildren().get("01words");
    assertEquals(4, embedding.dimension());
    assertTrue(embedding.covered() >= words.stream().map(String::toLowerCase).distinct().count() - 1,
        "rows from vectors: " + embedding.covered());
    assertNotNull(loaded.tag(String.join(" ", dev.get(0).tokens())));
  }
}
