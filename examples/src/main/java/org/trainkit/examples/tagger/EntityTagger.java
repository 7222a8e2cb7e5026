package org.trainkit.examples.tagger;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.trainkit.annotations.Collate;
import org.trainkit.annotations.Forward;
import org.trainkit.annotations.Metric;
import org.trainkit.annotations.Model;
import org.trainkit.annotations.Preprocess;
import org.trainkit.annotations.Trainable;
import org.trainkit.examples.data.ConllReader;
import org.trainkit.examples.data.Sentence;
import org.trainkit.examples.data.Vocabulary;
import org.trainkit.runtime.DataDependent;
import org.trainkit.nlp.crf.LinearChainCrf;
import org.trainkit.nlp.embed.CharacterBatch;
import org.trainkit.nlp.embed.CharacterVocabulary;
import org.trainkit.nlp.embed.EmbeddingTable;
import org.trainkit.nlp.embed.PretrainedEmbedding;
import org.trainkit.nlp.embed.WordVectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardMode;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.Prediction;
import org.trainkit.runtime.PredictionRenderer;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.ForwardMode;
import org.trainkit.runtime.UsesTrainedModel;
import org.trainkit.runtime.TrainedModel;
import org.trainkit.runtime.metrics.EntityMetrics;
import org.trainkit.runtime.metrics.EntityMetrics.Span;

/**
 * An entity tagger: text in, typed mentions with character offsets out. It is an ordinary NLP
 * operation ({@link #tag(String)}); {@code @Trainable} makes it trainable, and the processor
 * generates {@code EntityTaggerTrainable}, its Dagger wiring and {@code EntityTaggerTrainerMain}.
 *
 * <p>Model (the standard recipe of Lample et al. 2016 and Ma &amp; Hovy 2016): word embeddings
 * (vocabulary from the training data, rare words mapped to UNK; optionally starting from
 * pretrained vectors, option {@code vectors}) + a character CNN over each word + hashed
 * prefix/suffix embeddings + word-shape embeddings → BiLSTM → tag scores → a linear-chain CRF
 * whose Viterbi decoding keeps to valid BIO (option {@code decoder: softmax} picks each token's
 * best tag instead, repaired into valid spans). See {@link EntityTaggerOptions}.
 *
 * <p>Training defaults (each overridable in YAML or with {@code --set}): the best checkpoint and
 * early stopping follow dev {@code entity_f1} (the checkpoint with the lowest dev loss is not the
 * best tagger), patience 5 evaluations; batches of 16 sentences; Adam at 2e-3, cosine-decayed to
 * 1e-4 over a budget of 15 epochs, gradient norm clipped at 5. On BC5CDR-disease's dev split,
 * batches of 16 reached an entity F1 0.008 above batches of 32 or 8 on the same budget, and 15
 * epochs as much as 30 (README, "Quality on real text").
 *
 * <p>Data policies (see the README's "Guarantees"):
 *
 * <ul>
 *   <li><b>Tags never seen in training.</b> The tag set is the training data's. A dev or test
 *       token whose gold tag is not in it cannot be predicted: it is left out of the loss, but
 *       keeps its real tag in the entity metrics, so its entity counts as a miss (recall falls;
 *       nothing is dropped from the gold standard). Such tokens are counted in the metric {@code
 *       unseen_labels} (in {@code history.json}, {@code metrics.csv} and {@code summary.json}).
 *   <li><b>Long sentences.</b> The model reads at most {@link #MAX_TOKENS} tokens at a time. A
 *       longer sentence is split into consecutive windows of at most that many tokens, each tagged
 *       on its own (context does not cross a window boundary); no token is dropped, and metrics
 *       and predictions are over the whole sentence. Such sentences are counted in the metric
 *       {@code split_sentences}.
 *   <li><b>Empty sentences</b> cannot come from {@link ConllReader} (a blank line ends a
 *       sentence); one built by hand is tagged with nothing.
 * </ul>
 */
@Trainable(
    name = "tagger",
    reader = ConllReader.class,
    options = EntityTaggerOptions.class,
    writer = TaggerPredictionWriter.class,
    defaults = {
      "monitor=entity_f1",
      "earlyStoppingPatience=5",
      "iterations=15",
      "batchSize=16",
      "learningRate=0.002",
      "lrSchedule=cosine",
      "minLearningRate=0.0001",
      "gradientClipNorm=5"
    })
public class EntityTagger implements DataDependent<Sentence>, PredictionRenderer<EntityTagger.TaggerBatch>,
    UsesTrainedModel<Sentence, EntityTagger.TaggerBatch>, AutoCloseable {

  static final int PAD = 0;
  static final int UNKNOWN = 1;
  private static final int MIN_WORD_COUNT = 2;
  /**
   * Words with a row of their own, at most: the embedding (and its optimizer state, and the
   * checkpoint that holds them) stays bounded on a corpus whose vocabulary keeps growing.
   */
  static final int MAX_WORDS = 100_000;
  /** Characters of a word the character CNN reads at most. */
  private static final int MAX_CHARACTERS = 24;
  private static final Logger LOG = LoggerFactory.getLogger(EntityTagger.class);
  /** The most tokens the model reads at once; longer sentences are tagged in windows. */
  public static final int MAX_TOKENS = 256;

  private final int maxTokens;
  /** The options given; those that shape the network are replaced by the fitted state's. */
  private EntityTaggerOptions options;
  private Vocabulary words;
  private Vocabulary tags;
  private CharacterVocabulary characters;
  /** The selected rows of the pretrained vectors; null without. */
  private WordVectors vectors;
  private Block model;

  /**
   * One preprocessed sentence: feature ids per token, gold tag ids (-1 for a tag never seen in
   * training, or for a sentence without tags) and the gold tags themselves (repaired to valid BIO;
   * null for a sentence without tags, which can only be predicted), which metrics compare with.
   */
  public record TaggerExample(
      List<String> tokens, int[] words, int[] affixes, int[] shapes, int[] tags, List<String> gold) {}

  /**
   * A padded batch of sentences.
   *
   * @param words word ids {@code (B, T)}
   * @param affixes affix ids {@code (B, T, AFFIXES)}
   * @param shapes shape ids {@code (B, T)}
   * @param reverse flat positions that reverse each sentence within its length {@code (B·T)}
   * @param gold gold tag ids {@code (B, T)}, 0 on padding
   * @param mask 1 on real tokens, 0 on padding {@code (B, T)}
   * @param examples the examples, for metrics and rendering
   * @param firstRow the row where each example's first window starts; a sentence of more than
   *     {@link #MAX_TOKENS} tokens takes several rows, so {@code B} counts windows
   * @param lossTokens the tokens in the loss (the ones in {@code mask}), counted while collating
   *     so that the loss's weight costs no read-back from the device
   * @param characters character ids {@code (B, T, C)} and counts {@code (B, T)}; null when the
   *     network reads no characters
   * @param lengths each row's tokens {@code (B)} (at least 1), for the CRF
   * @param rowLengths the same, on the Java side
   */
  public record TaggerBatch(
      NDArray words, NDArray affixes, NDArray shapes, NDArray reverse, NDArray gold, NDArray mask,
      List<TaggerExample> examples, int[] firstRow, int lossTokens, CharacterBatch characters,
      NDArray lengths, int[] rowLengths) {

    /** The network's inputs. */
    NDList inputs(NDArray wordIds) {
      NDList list = new NDList(wordIds, affixes, shapes, reverse);
      if (characters != null) {
        list.add(characters.ids());
        list.add(characters.lengths());
      }
      return list;
    }
  }

  /** A tagger to train with the default options; vocabulary and tag set come from the data. */
  public EntityTagger() {
    this(EntityTaggerOptions.defaults());
  }

  /** A tagger to train with {@code options}; vocabulary and tag set come from the data. */
  public EntityTagger(EntityTaggerOptions options) {
    this(options, MAX_TOKENS);
  }

  /** A tagger that reads at most {@code maxTokens} tokens at a time (tests use small windows). */
  EntityTagger(int maxTokens) {
    this(EntityTaggerOptions.defaults(), maxTokens);
  }

  EntityTagger(EntityTaggerOptions options, int maxTokens) {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1: " + maxTokens);
    }
    this.options = java.util.Objects.requireNonNull(options);
    this.maxTokens = maxTokens;
  }

  /** The trainkit view of this tagger (what {@code EntityTaggerTrainable.of} builds). */
  public EntityTaggerTrainable makeTrainable() {
    return EntityTaggerTrainable.of(this);
  }

  // ---------------------------------------------------------------------------------------------
  // Fitting to the data

  @Override
  public void fit(Dataset<Sentence> sentences) {
    // one streamed pass: counts, not the corpus, are kept (TrainingCounts)
    TrainingCounts counts = TrainingCounts.of(sentences);
    vectors = null;
    if (!options.vectors().isBlank()) {
      vectors = loadVectors(Path.of(options.vectors()), counts.words());
    }
    WordVectors pretrained = vectors;
    // a rare word keeps its own row when a pretrained vector says what it means
    words = new Vocabulary(counts.vocabulary(MIN_WORD_COUNT, MAX_WORDS,
        w -> pretrained != null && pretrained.contains(w)));
    characters = counts.characters();
    tags = new Vocabulary(counts.tagList());
  }

  private static WordVectors loadVectors(Path file, TreeSet<String> wanted) throws UncheckedIOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("options.vectors: " + file + " is not a file");
    }
    try {
      WordVectors loaded = WordVectors.load(file, wanted);
      LOG.info("word vectors {}: {}", file, loaded.summary());
      System.out.println("word vectors " + file + ": " + loaded.summary());
      return loaded;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void saveState(Path directory) throws IOException {
    words.save(directory.resolve("words.txt"));
    tags.save(directory.resolve("tags.txt"));
    characters.save(directory.resolve("characters.txt"));
    if (vectors != null) {
      vectors.save(directory.resolve(VECTORS_FILE));
    }
    NetworkSettings.of(options, vectors != null).save(directory.resolve(NetworkSettings.FILE));
  }

  @Override
  public void loadState(Path directory) throws IOException {
    words = Vocabulary.load(directory.resolve("words.txt"));
    tags = Vocabulary.load(directory.resolve("tags.txt"));
    characters = CharacterVocabulary.load(directory.resolve("characters.txt"));
    NetworkSettings settings = NetworkSettings.load(directory.resolve(NetworkSettings.FILE));
    options = settings.applyTo(options);
    // the rows kept at fitting: the vectors file itself is not needed any more
    vectors = settings.vectors() ? WordVectors.read(directory.resolve(VECTORS_FILE)) : null;
  }

  /** The fitted state's copy of the pretrained rows (word2vec text). */
  static final String VECTORS_FILE = "vectors.txt";

  /** The options in use: those given, with the network's shape as the fitted state says. */
  public EntityTaggerOptions options() {
    return options;
  }

  // ---------------------------------------------------------------------------------------------
  // The training contract

  @Model
  public Block model() {
    if (model == null) {
      if (words == null) {
        throw new IllegalStateException("fit the tagger on training data (or load one) first");
      }
      Block wordBlock = vectors == null
          ? new EmbeddingTable(words.size(), options.wordDimension(), 0.1f)
          : new PretrainedEmbedding(wordList(), vectors, options.fineTuneVectors());
      model = new TaggerNetwork(wordBlock, TokenFeatures.AFFIX_BUCKETS, TokenFeatures.SHAPES,
          characters.size(), tagList(), options);
    }
    return model;
  }

  @Preprocess
  public TaggerExample preprocess(Sentence sentence) {
    List<String> tokens = sentence.tokens();
    int n = tokens.size();
    int[] wordIds = new int[n];
    int[] affixes = new int[n * TokenFeatures.AFFIXES];
    int[] shapes = new int[n];
    int[] tagIds = new int[n];
    List<String> gold = sentence.isTagged() ? EntityMetrics.repair(sentence.tags()) : null;
    for (int i = 0; i < n; i++) {
      String token = tokens.get(i);
      wordIds[i] = words.id(normalize(token), UNKNOWN);
      TokenFeatures.affixes(token, affixes, i * TokenFeatures.AFFIXES);
      shapes[i] = TokenFeatures.shape(token);
      // a tag never seen in training cannot be predicted: out of the loss, but kept as gold
      tagIds[i] = gold == null ? -1 : tags.id(gold.get(i), -1);
    }
    return new TaggerExample(tokens, wordIds, affixes, shapes, tagIds, gold);
  }

  /** Rows a sentence of {@code n} tokens takes: windows of at most {@code maxTokens}; 1 if empty. */
  private int windows(int n) {
    return Math.max(1, (n + maxTokens - 1) / maxTokens);
  }

  @Collate
  public TaggerBatch collate(List<TaggerExample> examples, NDManager manager) {
    int[] firstRow = new int[examples.size()];
    int b = 0;
    int t = 1;
    for (int i = 0; i < examples.size(); i++) {
      int n = examples.get(i).words().length;
      firstRow[i] = b;
      b += windows(n);
      t = Math.max(t, Math.min(n, maxTokens));
    }
    long[] wordIds = new long[b * t];
    long[] affixes = new long[b * t * TokenFeatures.AFFIXES];
    long[] shapes = new long[b * t];
    long[] reverse = new long[b * t];
    long[] gold = new long[b * t];
    float[] mask = new float[b * t];
    int[] rowLengths = new int[b];
    List<List<String>> rowTokens = new ArrayList<>(b);
    int lossTokens = 0;
    for (int i = 0; i < examples.size(); i++) {
      TaggerExample e = examples.get(i);
      int length = e.words().length;
      for (int row = firstRow[i], start = 0; row < firstRow[i] + windows(length); row++, start += maxTokens) {
        int n = Math.min(maxTokens, length - start);
        // an empty sentence is one padding token long for the CRF; nothing reads its tag
        rowLengths[row] = Math.max(1, n);
        rowTokens.add(e.tokens().subList(start, start + Math.max(0, n)));
        for (int j = 0; j < t; j++) {
          int at = row * t + j;
          reverse[at] = j < n ? (long) row * t + (n - 1 - j) : at;
          if (j < n) {
            int token = start + j;
            wordIds[at] = e.words()[token];
            shapes[at] = e.shapes()[token];
            gold[at] = Math.max(0, e.tags()[token]);
            mask[at] = e.tags()[token] < 0 ? 0 : 1;
            lossTokens += (int) mask[at];
            for (int k = 0; k < TokenFeatures.AFFIXES; k++) {
              affixes[at * TokenFeatures.AFFIXES + k] = e.affixes()[token * TokenFeatures.AFFIXES + k];
            }
          }
        }
      }
    }
    return new TaggerBatch(
        manager.create(wordIds, new Shape(b, t)),
        manager.create(affixes, new Shape(b, t, TokenFeatures.AFFIXES)),
        manager.create(shapes, new Shape(b, t)),
        manager.create(reverse),
        manager.create(gold, new Shape(b, t)),
        manager.create(mask, new Shape(b, t)),
        examples,
        firstRow,
        lossTokens,
        readsCharacters() ? characters.encode(rowTokens, MAX_CHARACTERS, manager) : null,
        manager.create(rowLengths),
        rowLengths);
  }

  private boolean readsCharacters() {
    return options.characterFilters() > 0;
  }

  @Forward
  public ForwardResult forward(TaggerBatch batch, ForwardContext context) {
    NDArray wordIds = batch.words();
    if (context.isTraining()) {
      // word dropout: the model must also learn to tag words it does not know
      NDArray drop = context.manager().randomUniform(0, 1, wordIds.getShape()).lt(options.wordDropout());
      wordIds = NDArrays.where(drop, wordIds.onesLike().mul(UNKNOWN), wordIds);
    }
    NDList output = context.forward(batch.inputs(wordIds));
    if (context.mode() == ForwardMode.PREDICT) {
      return ForwardResult.prediction(output); // no labels needed, no loss computed
    }
    if (batch.examples().stream().anyMatch(e -> e.gold() == null)) {
      throw new IllegalArgumentException("sentences without tags can only be predicted; training"
          + " and evaluation data need a tag column (token<TAB>TAG)");
    }
    LinearChainCrf crf = network().crf();
    if (crf != null) {
      // The CRF scores whole sequences: a token whose tag training never had is scored as O
      // (only dev and test can have one); the entity metrics still count its entity as missed.
      NDArray sentenceLoss = crf.negativeLogLikelihood(output.head(), batch.gold(), batch.lengths());
      int tokens = java.util.Arrays.stream(batch.rowLengths()).sum();
      return ForwardResult.of(output, sentenceLoss.sum().div(tokens)).weightedBy(tokens);
    }
    NDArray logProbabilities = output.head().logSoftmax(2);
    NDArray gold = batch.gold().oneHot(tags.size());
    NDArray tokenLoss = logProbabilities.mul(gold).sum(new int[] {2}).neg().mul(batch.mask());
    NDArray loss = tokenLoss.sum().div(batch.mask().sum().maximum(1f));
    // a mean over tokens: accumulated batches and evaluation weight it by its tokens
    return ForwardResult.of(output, loss).weightedBy(batch.lossTokens());
  }

  private TaggerNetwork network() {
    return (TaggerNetwork) model();
  }

  /**
   * Entity-level precision, recall and F1 (seqeval, strict spans), micro and per type; and the
   * counts of the data policies: {@code unseen_labels} (gold tokens whose tag training never
   * had) and {@code split_sentences} (sentences longer than {@link #MAX_TOKENS}).
   */
  @Metric
  public MetricsComputer<TaggerBatch> entities() {
    EntityScores scores = new EntityScores(EntityMetrics.Scheme.IOB2);
    return new MetricsComputer<>() {
      @Override
      public List<String> names() {
        return EntityScores.NAMES;
      }

      @Override
      public void update(org.trainkit.runtime.Batch<TaggerBatch> batch, NDList output) {
        List<List<String>> tagged = decode(batch.data(), output);
        for (int i = 0; i < tagged.size(); i++) {
          TaggerExample e = batch.data().examples().get(i);
          long unseen = java.util.Arrays.stream(e.tags()).filter(id -> id < 0).count();
          scores.add(e.gold(), tagged.get(i), unseen, e.words().length > maxTokens);
        }
      }

      @Override
      public Map<String, Double> compute() {
        return scores.compute();
      }
    };
  }

  @Override
  public List<Prediction> predictions(TaggerBatch batch, NDList output) {
    List<List<String>> tagged = decode(batch, output);
    List<Prediction> list = new ArrayList<>(tagged.size());
    for (int i = 0; i < tagged.size(); i++) {
      TaggerExample e = batch.examples().get(i);
      String gold = e.gold() == null ? "" : render(e.tokens(), e.gold());
      list.add(Prediction.of(gold, render(e.tokens(), tagged.get(i))));
    }
    return list;
  }

  /**
   * The tags of each sentence (windows joined): the CRF's best valid sequence, or each token's
   * best tag repaired into valid BIO.
   */
  List<List<String>> decode(TaggerBatch batch, NDList output) {
    long t = output.head().getShape().get(1);
    long[] ids = new long[0];
    int[][] paths = null;
    LinearChainCrf crf = network().crf();
    if (crf != null) {
      paths = crf.decode(output.head(), batch.lengths());
    } else {
      ids = output.head().argMax(2).toLongArray();
    }
    List<List<String>> sentences = new ArrayList<>();
    for (int i = 0; i < batch.examples().size(); i++) {
      int n = batch.examples().get(i).words().length;
      List<String> tagged = new ArrayList<>(n);
      for (int j = 0; j < n; j++) {
        int row = batch.firstRow()[i] + j / maxTokens;
        int id = paths != null ? paths[row][j % maxTokens] : (int) ids[(int) (row * t + j % maxTokens)];
        tagged.add(tags.entry(id));
      }
      sentences.add(EntityMetrics.repair(tagged));
    }
    return sentences;
  }

  /** {@code [chronic renal fibritis](DISEASE) responded to [zoramab](DRUG)}. */
  static String render(List<String> tokens, List<String> tags) {
    StringBuilder out = new StringBuilder();
    List<Span> spans = EntityMetrics.spans(tags);
    int next = 0;
    for (Span span : spans) {
      for (; next < span.start(); next++) {
        out.append(out.length() == 0 ? "" : " ").append(tokens.get(next));
      }
      out.append(out.length() == 0 ? "" : " ").append('[')
          .append(String.join(" ", tokens.subList(span.start(), span.end())))
          .append("](").append(span.type()).append(')');
      next = span.end();
    }
    for (; next < tokens.size(); next++) {
      out.append(out.length() == 0 ? "" : " ").append(tokens.get(next));
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // The operation

  /** The trained model, from training or {@link #load}; null until then. */
  private volatile TrainedModel<Sentence, TaggerBatch> trained;

  /**
   * Loads a trained tagger from a run directory: its best checkpoint (or last, when the run has
   * no best) — vocabulary, tag set and parameters. Close the tagger to release its native memory.
   */
  public static EntityTagger load(Path runDirectory) throws IOException {
    EntityTagger tagger = new EntityTagger();
    EntityTaggerTrainable.restore(tagger, runDirectory);
    return tagger;
  }

  /** Takes the model training left or {@link #load} restored (see {@link UsesTrainedModel}). */
  @Override
  public void useTrainedModel(TrainedModel<Sentence, TaggerBatch> model) {
    TrainedModel<Sentence, TaggerBatch> old = trained;
    trained = model;
    if (old != null && old != model) {
      old.close();
    }
  }

  /** The entity mentions in {@code text}, in order. */
  public List<Mention> tag(String text) {
    return tag(List.of(text)).get(0);
  }

  /**
   * The entity mentions of each text, in order: one list per text. The texts are tagged in
   * batches, the longest together. May be called from several threads at once.
   */
  public List<List<Mention>> tag(List<String> texts) {
    TrainedModel<Sentence, TaggerBatch> model = trained;
    if (model == null) {
      throw new IllegalStateException("train the tagger or load one with EntityTagger.load(runDirectory)");
    }
    List<TextTokens> tokenized = texts.stream().map(TextTokens::of).toList();
    List<Sentence> sentences =
        tokenized.stream().map(t -> Sentence.untagged(t.tokens(), List.of(t.text()))).toList();
    List<List<String>> tagged =
        model.predict(sentences, Sentence::size, (items, batch, output) -> decode(batch, output));
    List<List<Mention>> mentions = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      mentions.add(tokenized.get(i).mentions(tagged.get(i)));
    }
    return mentions;
  }

  /** Releases the trained model's native memory; the tagger cannot tag afterwards. */
  @Override
  public void close() {
    TrainedModel<Sentence, TaggerBatch> model = trained;
    trained = null;
    if (model != null) {
      model.close();
    }
  }

  private List<String> wordList() {
    List<String> list = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      list.add(words.entry(i));
    }
    return list;
  }

  private List<String> tagList() {
    List<String> list = new ArrayList<>(tags.size());
    for (int i = 0; i < tags.size(); i++) {
      list.add(tags.entry(i));
    }
    return list;
  }

  private static String normalize(String token) {
    return TrainingCounts.normalize(token);
  }
}
