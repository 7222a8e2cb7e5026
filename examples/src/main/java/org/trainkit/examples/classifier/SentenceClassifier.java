package org.trainkit.examples.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.trainkit.annotations.Collate;
import org.trainkit.annotations.Forward;
import org.trainkit.annotations.Metric;
import org.trainkit.annotations.Model;
import org.trainkit.annotations.Preprocess;
import org.trainkit.annotations.Trainable;
import org.trainkit.examples.data.Abstract;
import org.trainkit.examples.data.RctReader;
import org.trainkit.runtime.Batch;
import org.trainkit.runtime.DataDependent;
import org.trainkit.nlp.crf.LinearChainCrf;
import org.trainkit.nlp.embed.PretrainedEmbedding;
import org.trainkit.nlp.embed.WordVectors;
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
import org.trainkit.runtime.metrics.ClassificationMetrics;

/**
 * Labels each sentence of an abstract (background, objective, methods, results, conclusions —
 * whatever label set the training data has) with a probability. An ordinary NLP operation
 * ({@link #classify(List)}) made trainable with {@code @Trainable}.
 *
 * <p>Model (hierarchical, as Jin &amp; Szolovits 2018 for PubMed-RCT): each sentence's words read
 * by a CNN with max and mean pooling (option {@code encoder}; or its hashed word and bigram
 * embeddings averaged), optionally its words' pretrained vectors averaged (option {@code
 * vectors}), and its relative position → a BiLSTM over the abstract's sentences → label scores →
 * a linear-chain CRF over the abstract's labels. Option {@code context: none} classifies each
 * sentence alone (the bag-of-words control); see {@link ClassifierOptions}.
 *
 * <p>Training defaults (overridable in YAML or with {@code --set}): the best checkpoint and early
 * stopping follow dev {@code weighted_f1}, patience 4 evaluations; Adam at 1e-3, cosine-decayed
 * to 1e-4 over 10 epochs, batches of 8 abstracts, gradient norm clipped at 5 (README, "Quality on
 * real text").
 *
 * <p>Data policies (see the README's "Guarantees"): the label set is the training data's. A dev
 * or test sentence whose gold label training never had cannot be predicted: it is left out of
 * the loss but keeps its real label in the metrics, where it counts as a miss (accuracy falls;
 * the label gets its own row in the per-class table). Such sentences are counted in the metric
 * {@code unseen_labels}. An empty sentence is a {@code file:line} error of {@link RctReader}; a
 * sentence with no words (only punctuation) is classified from its marks, position and neighbours. There
 * is no length limit: the CNN pools over all of a sentence's words, the n-grams are averaged.
 */
@Trainable(
    name = "classifier",
    reader = RctReader.class,
    options = ClassifierOptions.class,
    writer = ClassifierPredictionWriter.class,
    defaults = {
      "monitor=weighted_f1",
      "earlyStoppingPatience=4",
      "iterations=10",
      "batchSize=8",
      "learningRate=0.001",
      "lrSchedule=cosine",
      "minLearningRate=0.0001",
      "gradientClipNorm=5"
    })
public class SentenceClassifier
    implements DataDependent<Abstract>, PredictionRenderer<SentenceClassifier.AbstractBatch>,
        UsesTrainedModel<Abstract, SentenceClassifier.AbstractBatch>, AutoCloseable {

  private static final int BUCKETS = 1 << 14;
  private static final int POSITION_BINS = 10;
  private static final Pattern WORD = Pattern.compile("\\p{L}+|\\p{N}+");

  private ClassifierOptions options;
  /** The word CNN's vocabulary (empty with the bag-of-words encoder); null until fitted. */
  private WordVocabulary vocabulary;
  /** Lower-cased words with pretrained vectors, id = index + 1 (0: padding); null without. */
  private List<String> vectorWords;
  private Map<String, Integer> vectorWordIds;
  private WordVectors vectors;
  private List<String> labels;
  private Map<String, Integer> labelIds;
  private Block model;
  /** The trained model, from training or {@link #load}; null until then. */
  private volatile TrainedModel<Abstract, AbstractBatch> trained;

  /**
   * One abstract, preprocessed: n-gram ids per sentence, position bins, gold label ids (-1 for a
   * label never seen in training) and the gold labels themselves.
   */
  public record AbstractExample(
      List<String> sentences, int[][] ngrams, int[] positions, int[] labels, List<String> gold,
      int[][] words, int[][] tokens) {}

  /**
   * The sentences of several abstracts, flattened.
   *
   * @param ngrams n-gram ids {@code (S, L)}
   * @param mask 1 where {@code ngrams} holds an n-gram {@code (S, L)}
   * @param positions relative-position bins {@code (S)}
   * @param layout for each of the {@code A × N} slots (A abstracts, N the longest), the row of
   *     its sentence, or S for an empty slot {@code (A·N)}
   * @param reverse flat slot positions that reverse each abstract within its length {@code (A·N)}
   * @param slots 1 where a slot holds a sentence {@code (A, N)}
   * @param gold gold label ids by slot {@code (A, N)} (0 where unknown or empty, see {@code known})
   * @param known 1 where the slot's gold label was seen in training {@code (A, N)}
   * @param lengths sentences per abstract {@code (A)}
   * @param words word ids for the pretrained vectors {@code (S, W)} and their mask; null without
   * @param wordMask 1 where {@code words} holds a word; null without
   * @param tokens the word CNN's word ids {@code (S, T)}
   * @param tokenMask 1 where {@code tokens} holds a word {@code (S, T)}
   * @param sentences the sentences' text, for rendering
   * @param goldIds gold label ids, -1 where unknown
   * @param goldLabels the gold labels, also those never seen in training
   * @param sentenceCounts sentences per abstract
   */
  public record AbstractBatch(
      NDArray ngrams, NDArray mask, NDArray positions, NDArray layout, NDArray reverse,
      NDArray slots, NDArray gold, NDArray known, NDArray lengths, NDArray words, NDArray wordMask,
      NDArray tokens, NDArray tokenMask,
      List<String> sentences, int[] goldIds, List<String> goldLabels, int[] sentenceCounts) {

    /** The network's inputs, with these word ids for the CNN. */
    NDList inputs(NDArray tokenIds) {
      NDList list = new NDList(ngrams, mask, positions, layout, reverse, slots, tokenIds, tokenMask);
      if (words != null) {
        list.add(words);
        list.add(wordMask);
      }
      return list;
    }
  }

  /** A classifier to train with the default options; its label set comes from the data. */
  public SentenceClassifier() {
    this(ClassifierOptions.defaults());
  }

  /** A classifier to train with {@code options}; its label set comes from the data. */
  public SentenceClassifier(ClassifierOptions options) {
    this.options = java.util.Objects.requireNonNull(options);
  }

  /** The options in use: those given, with the network's shape as the fitted state says. */
  public ClassifierOptions options() {
    return options;
  }

  /** The trainkit view of this classifier. */
  public SentenceClassifierTrainable makeTrainable() {
    return SentenceClassifierTrainable.of(this);
  }

  @Override
  public void fit(Dataset<Abstract> abstracts) {
    TreeSet<String> set = new TreeSet<>();
    for (int i = 0; i < abstracts.size(); i++) {
      Abstract a = abstracts.get(i);
      if (!a.isLabeled()) {
        throw abstracts.invalidItem(i, "abstract '" + a.id() + "' has no labels; training needs"
            + " 'LABEL<TAB>sentence' lines (sentences without labels can only be predicted)");
      }
      set.addAll(a.labels());
    }
    setLabels(new ArrayList<>(set));
    List<String> sentences = new ArrayList<>();
    if (readsWords()) {
      abstracts.forEach(a -> sentences.addAll(a.sentences()));
    }
    vocabulary = readsWords() ? WordVocabulary.fit(sentences) : WordVocabulary.empty();
    setVectors(null);
    if (!options.vectors().isBlank()) {
      Map<String, Integer> counts = new java.util.HashMap<>();
      for (Abstract a : abstracts) {
        for (String sentence : a.sentences()) {
          words(sentence).forEach(w -> counts.merge(w, 1, Integer::sum));
        }
      }
      Path file = Path.of(options.vectors());
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("options.vectors: " + file + " is not a file");
      }
      try {
        WordVectors loaded = WordVectors.load(file, new TreeSet<>(counts.keySet()));
        System.out.println("word vectors " + file + ": " + loaded.summary());
        setVectors(loaded);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Whether the sentence encoder includes the word CNN. */
  private boolean readsWords() {
    return options.encoder() != ClassifierOptions.Encoder.BAG;
  }

  private void setVectors(WordVectors selected) {
    vectors = selected;
    vectorWords = selected == null ? null : List.copyOf(selected.words());
    vectorWordIds = new java.util.HashMap<>();
    if (vectorWords != null) {
      for (int i = 0; i < vectorWords.size(); i++) {
        vectorWordIds.put(vectorWords.get(i), i + 1);
      }
    }
  }

  /** The fitted state's copy of the pretrained rows (word2vec text). */
  static final String VECTORS_FILE = "vectors.txt";
  private static final String NETWORK_FILE = "network.properties";

  @Override
  public void saveState(Path directory) throws IOException {
    Files.write(directory.resolve("labels.txt"), labels, java.nio.charset.StandardCharsets.UTF_8);
    if (vectors != null) {
      vectors.save(directory.resolve(VECTORS_FILE));
    }
    if (readsWords()) {
      vocabulary.save(directory);
    }
    java.util.Properties p = new java.util.Properties();
    p.setProperty("context", options.context().name());
    p.setProperty("decoder", options.decoder().name());
    p.setProperty("encoder", options.encoder().name());
    p.setProperty("dimension", Integer.toString(options.dimension()));
    p.setProperty("hidden", Integer.toString(options.hidden()));
    p.setProperty("filters", Integer.toString(options.filters()));
    p.setProperty("width", Integer.toString(options.width()));
    p.setProperty("dropout", Double.toString(options.dropout()));
    p.setProperty("wordDropout", Double.toString(options.wordDropout()));
    p.setProperty("vectors", Boolean.toString(vectors != null));
    p.setProperty("fineTuneVectors", Boolean.toString(options.fineTuneVectors()));
    try (var out = Files.newBufferedWriter(directory.resolve(NETWORK_FILE))) {
      p.store(out, "the sentence classifier's network");
    }
  }

  @Override
  public void loadState(Path directory) throws IOException {
    Path file = directory.resolve("labels.txt");
    Path network = directory.resolve(NETWORK_FILE);
    if (!Files.isRegularFile(file) || !Files.isRegularFile(network)) {
      throw new IOException(directory + ": labels.txt or " + NETWORK_FILE
          + " missing (not a sentence classifier's checkpoint of this version?)");
    }
    setLabels(Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8));
    java.util.Properties p = new java.util.Properties();
    try (var in = Files.newBufferedReader(network)) {
      p.load(in);
    }
    try {
      // checkpoints from before the word CNN have no encoder: they averaged hashed n-grams
      options = new ClassifierOptions(
          ClassifierOptions.Context.valueOf(p.getProperty("context")),
          ClassifierOptions.Decoder.valueOf(p.getProperty("decoder")),
          ClassifierOptions.Encoder.valueOf(p.getProperty("encoder", "BAG")),
          Integer.parseInt(p.getProperty("dimension")),
          Integer.parseInt(p.getProperty("hidden")),
          Integer.parseInt(p.getProperty("filters", Integer.toString(options.filters()))),
          Integer.parseInt(p.getProperty("width", Integer.toString(options.width()))),
          Double.parseDouble(p.getProperty("dropout")),
          Double.parseDouble(p.getProperty("wordDropout", Double.toString(options.wordDropout()))),
          options.vectors(),
          Boolean.parseBoolean(p.getProperty("fineTuneVectors")));
    } catch (RuntimeException e) {
      throw new IOException(network + ": unreadable (" + e.getMessage() + ")", e);
    }
    setVectors(Boolean.parseBoolean(p.getProperty("vectors"))
        ? WordVectors.read(directory.resolve(VECTORS_FILE)) : null);
    vocabulary = readsWords() ? WordVocabulary.read(directory) : WordVocabulary.empty();
  }

  private void setLabels(List<String> list) {
    labels = List.copyOf(list);
    labelIds = new LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      labelIds.put(labels.get(i), i);
    }
  }

  /** The labels, in id order. */
  public List<String> labels() {
    return labels;
  }

  @Model
  public Block model() {
    if (model == null) {
      if (labels == null) {
        throw new IllegalStateException("fit the classifier on training data (or load one) first");
      }
      Block words = vectors == null ? null : new PretrainedEmbedding(
          java.util.stream.Stream.concat(java.util.stream.Stream.of("<pad>"), vectorWords.stream()).toList(),
          vectors, options.fineTuneVectors());
      model = new ClassifierNetwork(BUCKETS, vocabulary.size(), POSITION_BINS, words, labels.size(), options);
    }
    return model;
  }

  @Preprocess
  public AbstractExample preprocess(Abstract item) {
    int n = item.size();
    int[][] ngrams = new int[n][];
    int[] positions = new int[n];
    int[] gold = new int[n];
    int[][] words = vectors == null ? null : new int[n][];
    int[][] tokens = new int[n][];
    boolean bag = options.encoder() != ClassifierOptions.Encoder.CNN;
    for (int i = 0; i < n; i++) {
      ngrams[i] = bag ? ngrams(item.sentences().get(i)) : new int[0];
      tokens[i] = readsWords() ? vocabulary.encode(item.sentences().get(i)) : new int[0];
      if (words != null) {
        words[i] = words(item.sentences().get(i)).stream()
            .mapToInt(w -> vectorWordIds.getOrDefault(w, 0)).filter(id -> id > 0).toArray();
      }
      positions[i] = Math.min(POSITION_BINS - 1, i * POSITION_BINS / n);
      gold[i] = item.isLabeled() ? labelIds.getOrDefault(item.labels().get(i), -1) : -1;
    }
    // without labels (to predict), gold is empty strings: nothing to compare with
    List<String> goldLabels =
        item.isLabeled() ? item.labels() : java.util.Collections.nCopies(n, "");
    return new AbstractExample(item.sentences(), ngrams, positions, gold, goldLabels, words, tokens);
  }

  /** A sentence's lower-cased words. */
  static List<String> words(String sentence) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(sentence.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  /** Hashed ids of a sentence's lower-cased words and word bigrams (0 is padding). */
  static int[] ngrams(String sentence) {
    List<String> words = words(sentence);
    int[] ids = new int[Math.max(1, 2 * words.size() - 1)];
    for (int i = 0; i < words.size(); i++) {
      ids[2 * i] = bucket(words.get(i));
      if (i + 1 < words.size()) {
        ids[2 * i + 1] = bucket(words.get(i) + " " + words.get(i + 1));
      }
    }
    return ids;
  }

  private static int bucket(String gram) {
    int h = gram.hashCode();
    h ^= h >>> 16;
    h *= 0x7feb352d;
    h ^= h >>> 15;
    return 1 + Math.floorMod(h, BUCKETS - 1);
  }

  @Collate
  public AbstractBatch collate(List<AbstractExample> examples, NDManager manager) {
    return AbstractBatches.collate(examples, vectors != null, manager);
  }

  @Forward
  public ForwardResult forward(AbstractBatch batch, ForwardContext context) {
    NDArray tokens = batch.tokens();
    if (context.isTraining() && readsWords() && options.wordDropout() > 0) {
      // word dropout: the model must also read sentences with words it does not know
      NDArray drop = context.manager().randomUniform(0, 1, tokens.getShape())
          .lt(options.wordDropout()).logicalAnd(batch.tokenMask().gt(0));
      tokens = NDArrays.where(drop, tokens.onesLike().mul(WordVocabulary.UNKNOWN), tokens);
    }
    NDList output = context.forward(batch.inputs(tokens));
    if (context.mode() == ForwardMode.PREDICT) {
      return ForwardResult.prediction(output); // no labels needed, no loss computed
    }
    int sentences = batch.sentences().size();
    LinearChainCrf crf = network().crf();
    if (crf != null) {
      // A sentence whose label training never had (only dev and test can) is scored as label 0
      // in the loss; the metrics still count it as a miss.
      NDArray nll = crf.negativeLogLikelihood(output.head(), batch.gold(), batch.lengths());
      return ForwardResult.of(output, nll.sum().div(Math.max(1, sentences))).weightedBy(sentences);
    }
    NDArray logProbabilities = output.head().logSoftmax(2);
    NDArray picked = logProbabilities.mul(batch.gold().oneHot(labels.size())).sum(new int[] {2});
    NDArray loss = picked.neg().mul(batch.known()).sum().div(batch.known().sum().maximum(1f));
    return ForwardResult.of(output, loss).weightedBy(sentences);
  }

  private ClassifierNetwork network() {
    return (ClassifierNetwork) model();
  }

  /** The label id of every sentence, in the batch's sentence order. */
  private int[] decode(AbstractBatch batch, NDList output) {
    int[] counts = batch.sentenceCounts();
    int[] best = new int[batch.sentences().size()];
    LinearChainCrf crf = network().crf();
    if (crf != null) {
      int[][] paths = crf.decode(output.head(), batch.lengths());
      for (int b = 0, row = 0; b < counts.length; b++) {
        for (int i = 0; i < counts[b]; i++) {
          best[row++] = paths[b][i];
        }
      }
      return best;
    }
    long n = output.head().getShape().get(1);
    long[] ids = output.head().argMax(2).toLongArray();
    for (int b = 0, row = 0; b < counts.length; b++) {
      for (int i = 0; i < counts[b]; i++) {
        best[row++] = (int) ids[(int) (b * n + i)];
      }
    }
    return best;
  }

  /**
   * Accuracy, macro- and weighted-F1, per-class precision/recall/F1 and the confusion matrix;
   * and {@code unseen_labels}, the number of sentences whose gold label training never had.
   */
  @Metric
  public MetricsComputer<AbstractBatch> classification() {
    return new MetricsComputer<>() {
      private final List<String> gold = new ArrayList<>();
      private final List<String> predicted = new ArrayList<>();
      private long unseen;

      @Override
      public List<String> names() {
        List<String> names = new ArrayList<>(ClassificationMetrics.NAMES);
        names.add("unseen_labels");
        return names;
      }

      @Override
      public void update(Batch<AbstractBatch> batch, NDList output) {
        int[] best = decode(batch.data(), output);
        int[] goldIds = batch.data().goldIds();
        for (int i = 0; i < best.length; i++) {
          gold.add(batch.data().goldLabels().get(i));
          predicted.add(labels.get(best[i]));
          unseen += goldIds[i] < 0 ? 1 : 0;
        }
      }

      @Override
      public Map<String, Double> compute() {
        Map<String, Double> values = ClassificationMetrics.compute(gold, predicted).values();
        values.put("unseen_labels", (double) unseen);
        return values;
      }
    };
  }

  @Override
  public List<Prediction> predictions(AbstractBatch batch, NDList output) {
    int[] best = decode(batch, output);
    List<Prediction> list = new ArrayList<>(best.length);
    for (int i = 0; i < best.length; i++) {
      String gold = batch.goldLabels().get(i);
      String sentence = batch.sentences().get(i);
      list.add(Prediction.of(gold + ": " + sentence, labels.get(best[i]) + ": " + sentence));
    }
    return list;
  }

  // ---------------------------------------------------------------------------------------------
  // The operation

  /**
   * Loads a trained classifier from a run directory's best (else last) checkpoint. Close it to
   * release its native memory.
   */
  public static SentenceClassifier load(Path runDirectory) throws IOException {
    SentenceClassifier classifier = new SentenceClassifier();
    SentenceClassifierTrainable.restore(classifier, runDirectory);
    return classifier;
  }

  /** Takes the model training left or {@link #load} restored (see {@link UsesTrainedModel}). */
  @Override
  public void useTrainedModel(TrainedModel<Abstract, AbstractBatch> model) {
    TrainedModel<Abstract, AbstractBatch> old = trained;
    trained = model;
    if (old != null && old != model) {
      old.close();
    }
  }

  /**
   * Labels each sentence of one abstract, in order. The probability is the label's share of the
   * sentence's own scores (softmax); with the CRF the label is the best sequence's, which may
   * differ from the sentence's own best.
   */
  public List<LabeledSentence> classify(List<String> sentences) {
    return classifyAll(List.of(sentences)).get(0);
  }

  /**
   * Labels each sentence of several abstracts: one list per abstract, in order. The abstracts
   * are classified in batches. May be called from several threads at once.
   */
  public List<List<LabeledSentence>> classifyAll(List<List<String>> abstracts) {
    TrainedModel<Abstract, AbstractBatch> model = trained;
    if (model == null) {
      throw new IllegalStateException(
          "train the classifier or load one with SentenceClassifier.load(runDirectory)");
    }
    List<Abstract> items = new ArrayList<>(abstracts.size());
    for (int i = 0; i < abstracts.size(); i++) {
      items.add(new Abstract(Integer.toString(i), abstracts.get(i), List.of()));
    }
    return model.predict(items, Abstract::size, (batchItems, batch, output) -> label(batchItems, batch, output));
  }

  /** The labelled sentences of each abstract of a batch, in batch order. */
  List<List<LabeledSentence>> label(List<Abstract> items, AbstractBatch batch, NDList output) {
    int[] best = decode(batch, output);
    long slots = output.head().getShape().get(1);
    float[] p = output.head().softmax(2).toFloatArray();
    List<List<LabeledSentence>> out = new ArrayList<>(items.size());
    int row = 0;
    for (int b = 0; b < items.size(); b++) {
      Abstract a = items.get(b);
      List<LabeledSentence> sentences = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        int label = best[row++];
        float probability = p[(int) ((b * slots + i) * labels.size() + label)];
        sentences.add(new LabeledSentence(a.sentences().get(i), labels.get(label), probability));
      }
      out.add(sentences);
    }
    return out;
  }

  /** Releases the trained model's native memory; the classifier cannot classify afterwards. */
  @Override
  public void close() {
    TrainedModel<Abstract, AbstractBatch> model = trained;
    trained = null;
    if (model != null) {
      model.close();
    }
  }
}
