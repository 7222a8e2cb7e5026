package org.trainkit.benchmarks.tagger;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.trainkit.benchmarks.loop.Parameters;
import org.trainkit.benchmarks.loop.DjlTask;
import org.trainkit.benchmarks.loop.Workload;
import org.trainkit.examples.data.Sentence;
import org.trainkit.examples.tagger.EntityTagger;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.examples.tagger.EntityTaggerOptions;
import org.trainkit.runtime.TrainableComponent;

/**
 * The example entity tagger with {@code EntityTaggerOptions.plain()} (the network before the CRF
 * and character CNN: word + affix + shape
 * embeddings, BiLSTM from two one-way LSTMs, word dropout, masked token NLL) on the examples'
 * generated clinical corpus.
 */
public final class TaggerWorkload implements Workload<Sentence> {

  /** {@code EntityTagger}'s dropout rate (its {@code TaggerNetwork.Sizes}). */
  static final float DROPOUT = 0.25f;

  private final int batchSize;
  private final List<Sentence> items;

  public TaggerWorkload(int batchSize, int batches, long seed, Path dataDir) throws IOException {
    this.batchSize = batchSize;
    this.items = TaggerData.sentences(dataDir, batchSize * batches, seed);
  }

  @Override
  public String key() {
    return "tagger-b" + batchSize;
  }

  @Override
  public String title() {
    return "BiLSTM tagger (examples' EntityTagger), batch " + batchSize;
  }

  @Override
  public String model() {
    return "tagger";
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public List<Sentence> items() {
    return items;
  }

  @Override
  public TrainableComponent<Sentence, ?, ?> trainkitComponent() {
    return new EntityTagger(EntityTaggerOptions.plain()).makeTrainable();
  }

  /**
   * One line of sizes (read from the Java network's parameters), then one JSON line per
   * example as {@code EntityTagger}'s {@code @Preprocess} made it: word, affix, shape and tag
   * ids.
   */
  @Override
  public long exportForPython(Path file) throws IOException {
    EntityTagger tagger = new EntityTagger(EntityTaggerOptions.plain());
    tagger.fit(Dataset.of(items));
    List<EntityTagger.TaggerExample> examples = new ArrayList<>(items.size());
    items.forEach(s -> examples.add(tagger.preprocess(s)));
    int affixesPerToken = examples.get(0).affixes().length / examples.get(0).words().length;
    int t = 8;
    Map<String, Shape> shapes = Parameters.shapes(
        tagger.model(),
        new Shape(batchSize, t), new Shape(batchSize, t, affixesPerToken), new Shape(batchSize, t),
        new Shape((long) batchSize * t));
    Shape words = Parameters.named(shapes, "words_weight");
    Shape affixes = Parameters.named(shapes, "affixes_weight");
    Shape wordShapes = Parameters.named(shapes, "shapes_weight");
    Shape scores = Parameters.named(shapes, "scores_weight");
    long hidden = scores.get(1) / 2;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(String.format(java.util.Locale.ROOT,
          "{\"vocabulary\": %d, \"word\": %d, \"affixBuckets\": %d, \"affix\": %d, "
              + "\"affixesPerToken\": %d, \"shapes\": %d, \"shape\": %d, \"hidden\": %d, "
              + "\"tags\": %d, \"dropout\": %s, \"wordDropout\": %s, \"unknown\": %d}%n",
          words.get(0), words.get(1), affixes.get(0), affixes.get(1), affixesPerToken,
          wordShapes.get(0), wordShapes.get(1), hidden, scores.get(0), DROPOUT,
          TaggerTrainingBlock.WORD_DROPOUT, TaggerTrainingBlock.UNKNOWN));
      for (EntityTagger.TaggerExample e : examples) {
        out.write("{\"w\": " + Arrays.toString(e.words()) + ", \"a\": " + Arrays.toString(e.affixes())
            + ", \"s\": " + Arrays.toString(e.shapes()) + ", \"t\": " + Arrays.toString(e.tags()) + "}\n");
      }
    }
    return Parameters.count(shapes);
  }

  @Override
  public DjlTask<Sentence> djlTask() {
    EntityTagger tagger = new EntityTagger(EntityTaggerOptions.plain());
    tagger.fit(Dataset.of(items));
    return new DjlTask<>() {
      @Override
      public Block block() {
        return new TaggerTrainingBlock(tagger.model());
      }

      @Override
      public Loss loss() {
        return new TaggerLoss();
      }

      @Override
      public DjlBatch batch(List<Sentence> sentences, NDManager manager) {
        List<EntityTagger.TaggerExample> examples = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) {
          examples.add(tagger.preprocess(s));
        }
        EntityTagger.TaggerBatch b = tagger.collate(examples, manager);
        return new DjlBatch(
            new NDList(b.words(), b.affixes(), b.shapes(), b.reverse()),
            new NDList(b.gold(), b.mask()));
      }
    };
  }
}
