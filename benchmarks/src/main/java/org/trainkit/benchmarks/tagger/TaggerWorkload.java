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
import org.trainkit.nlp.crf.LinearChainCrf;

/**
 * The example entity tagger on the examples' generated clinical corpus, in one of two forms:
 *
 * <ul>
 *   <li>{@code tagger-b32}, {@code EntityTaggerOptions.plain()}: the network before the CRF and
 *       character CNN (word + affix + shape embeddings, BiLSTM from two one-way LSTMs, word
 *       dropout, masked token NLL);
 *   <li>{@code tagger-crf-b32}, {@code EntityTaggerOptions.defaults()}: the tagger users get
 *       (the same plus a character CNN per word, larger sizes, and a linear-chain CRF whose
 *       negative log-likelihood, summed over the batch and divided by its tokens, is the loss).
 * </ul>
 */
public final class TaggerWorkload implements Workload<Sentence> {

  private final int batchSize;
  private final List<Sentence> items;
  private final boolean crf;

  /** The plain tagger ({@code tagger-b<batch>}). */
  public TaggerWorkload(int batchSize, int batches, long seed, Path dataDir) throws IOException {
    this(batchSize, batches, seed, dataDir, false);
  }

  /**
   * @param crf the default tagger, CRF and character CNN ({@code tagger-crf-b<batch>}), instead
   *     of the plain one
   */
  public TaggerWorkload(int batchSize, int batches, long seed, Path dataDir, boolean crf) throws IOException {
    this.batchSize = batchSize;
    this.items = TaggerData.sentences(dataDir, batchSize * batches, seed);
    this.crf = crf;
  }

  private EntityTaggerOptions options() {
    return crf ? EntityTaggerOptions.defaults() : EntityTaggerOptions.plain();
  }

  @Override
  public String key() {
    return (crf ? "tagger-crf-b" : "tagger-b") + batchSize;
  }

  @Override
  public String title() {
    return crf
        ? "BiLSTM-CRF tagger with character CNN (EntityTagger's defaults), batch " + batchSize
        : "BiLSTM tagger (examples' EntityTagger, plain options), batch " + batchSize;
  }

  @Override
  public String model() {
    return crf ? "tagger-crf" : "tagger";
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
    return new EntityTagger(options()).makeTrainable();
  }

  /**
   * One line of sizes (read from the Java network's parameters), then one JSON line per
   * example as {@code EntityTagger}'s {@code @Preprocess} made it: word, affix, shape and tag
   * ids; for the CRF tagger also each token's character ids as its {@code @Collate} makes them
   * (cut to the tagger's longest word).
   */
  @Override
  public long exportForPython(Path file) throws IOException {
    EntityTaggerOptions options = options();
    EntityTagger tagger = new EntityTagger(options);
    tagger.fit(Dataset.of(items));
    List<EntityTagger.TaggerExample> examples = new ArrayList<>(items.size());
    items.forEach(s -> examples.add(tagger.preprocess(s)));
    int affixesPerToken = examples.get(0).affixes().length / examples.get(0).words().length;
    int t = 8;
    List<Shape> inputs = new ArrayList<>(List.of(
        new Shape(batchSize, t), new Shape(batchSize, t, affixesPerToken), new Shape(batchSize, t),
        new Shape((long) batchSize * t)));
    if (crf) {
      inputs.add(new Shape(batchSize, t, 5));
      inputs.add(new Shape(batchSize, t));
    }
    Map<String, Shape> shapes = Parameters.shapes(tagger.model(), inputs.toArray(Shape[]::new));
    Shape words = Parameters.named(shapes, "words_weight");
    Shape affixes = Parameters.named(shapes, "affixes_weight");
    Shape wordShapes = Parameters.named(shapes, "shapes_weight");
    Shape scores = Parameters.named(shapes, "scores_weight");
    long hidden = scores.get(1) / 2;
    StringBuilder sizes = new StringBuilder(String.format(java.util.Locale.ROOT,
        "{\"vocabulary\": %d, \"word\": %d, \"affixBuckets\": %d, \"affix\": %d, "
            + "\"affixesPerToken\": %d, \"shapes\": %d, \"shape\": %d, \"hidden\": %d, "
            + "\"tags\": %d, \"dropout\": %s, \"wordDropout\": %s, \"unknown\": %d",
        words.get(0), words.get(1), affixes.get(0), affixes.get(1), affixesPerToken,
        wordShapes.get(0), wordShapes.get(1), hidden, scores.get(0), (float) options.dropout(),
        TaggerTrainingBlock.WORD_DROPOUT, TaggerTrainingBlock.UNKNOWN));
    int[][][] characters = null;
    if (crf) {
      Shape table = Parameters.named(shapes, "characters_characters");
      Shape convolution = Parameters.named(shapes, "convolution_weight");
      sizes.append(String.format(java.util.Locale.ROOT,
          ", \"characters\": %d, \"character\": %d, \"filters\": %d, \"kernel\": %d",
          table.get(0), table.get(1), convolution.get(0), convolution.get(1) / table.get(1)));
      characters = characterIds(tagger, examples);
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(sizes.append("}\n").toString());
      for (int i = 0; i < examples.size(); i++) {
        EntityTagger.TaggerExample e = examples.get(i);
        out.write("{\"w\": " + Arrays.toString(e.words()) + ", \"a\": " + Arrays.toString(e.affixes())
            + ", \"s\": " + Arrays.toString(e.shapes()) + ", \"t\": " + Arrays.toString(e.tags())
            + (characters == null ? "" : ", \"c\": " + Arrays.deepToString(characters[i])) + "}\n");
      }
    }
    return Parameters.count(shapes);
  }

  /**
   * Each example's character ids per token, as the tagger's {@code @Collate} gives them to the
   * network (one batch of all the examples, each word's ids up to its character count).
   */
  private static int[][][] characterIds(EntityTagger tagger, List<EntityTagger.TaggerExample> examples) {
    try (NDManager manager = NDManager.newBaseManager()) {
      EntityTagger.TaggerBatch batch = tagger.collate(examples, manager);
      Shape shape = batch.characters().ids().getShape();
      int rows = Math.toIntExact(shape.get(0));
      int t = Math.toIntExact(shape.get(1));
      int c = Math.toIntExact(shape.get(2));
      if (rows != examples.size()) {
        throw new IllegalStateException("a sentence longer than the tagger's window: not exported");
      }
      int[] ids = batch.characters().ids().toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
      int[] lengths = batch.characters().lengths().toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
      int[][][] out = new int[rows][][];
      for (int b = 0; b < rows; b++) {
        int n = examples.get(b).words().length;
        out[b] = new int[n][];
        for (int w = 0; w < n; w++) {
          int at = b * t + w;
          out[b][w] = Arrays.copyOfRange(ids, at * c, at * c + lengths[at]);
        }
      }
      return out;
    }
  }

  @Override
  public DjlTask<Sentence> djlTask() {
    EntityTagger tagger = new EntityTagger(options());
    tagger.fit(Dataset.of(items));
    Block network = tagger.model();
    LinearChainCrf crfBlock = crf
        ? network.getChildren().values().stream().filter(LinearChainCrf.class::isInstance)
            .map(LinearChainCrf.class::cast).findFirst().orElseThrow()
        : null;
    return new DjlTask<>() {
      @Override
      public Block block() {
        return new TaggerTrainingBlock(network);
      }

      @Override
      public Loss loss() {
        return crf ? new CrfTaggerLoss(crfBlock) : new TaggerLoss();
      }

      @Override
      public DjlBatch batch(List<Sentence> sentences, NDManager manager) {
        List<EntityTagger.TaggerExample> examples = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) {
          examples.add(tagger.preprocess(s));
        }
        EntityTagger.TaggerBatch b = tagger.collate(examples, manager);
        NDList data = new NDList(b.words(), b.affixes(), b.shapes(), b.reverse());
        if (b.characters() != null) {
          data.add(b.characters().ids());
          data.add(b.characters().lengths());
        }
        return new DjlBatch(data,
            crf ? new NDList(b.gold(), b.lengths()) : new NDList(b.gold(), b.mask()));
      }
    };
  }
}
