package org.trainkit.examples.classifier;

import ai.djl.ndarray.NDArray;
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
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.Prediction;
import org.trainkit.runtime.PredictionRenderer;
import org.trainkit.runtime.ForwardMode;
import org.trainkit.runtime.UsesTrainedModel;
import org.trainkit.runtime.TrainedModel;
import org.trainkit.runtime.metrics.ClassificationMetrics;

/**
 * Labels each sentence of an abstract (background, objective, methods, results, conclusions —
 * whatever label set the training data has) with a probability. An ordinary NLP operation
 * ({@link #classify(List)}) made trainable with {@code @Trainable}.
 *
 * <p>Model: hashed word and bigram embeddings averaged per sentence, the same for the
 * neighbouring sentences, and the sentence's relative position in the abstract → MLP → softmax.
 *
 * <p>Data policies (see the README's "Guarantees"): the label set is the training data's. A dev
 * or test sentence whose gold label training never had cannot be predicted: it is left out of
 * the loss but keeps its real label in the metrics, where it counts as a miss (accuracy falls;
 * the label gets its own row in the per-class table). Such sentences are counted in the metric
 * {@code unseen_labels}. An empty sentence is a {@code file:line} error of {@link RctReader}; a
 * sentence with no words (only punctuation) is classified from its position and neighbours. There
 * is no length limit: a sentence's n-grams are averaged.
 */
@Trainable(name = "classifier", reader = RctReader.class, writer = RctPredictionWriter.class)
public class SentenceClassifier
    implements DataDependent<Abstract>, PredictionRenderer<SentenceClassifier.AbstractBatch>,
        UsesTrainedModel<Abstract, SentenceClassifier.AbstractBatch>, AutoCloseable {

  private static final int BUCKETS = 1 << 14;
  private static final int POSITION_BINS = 10;
  private static final Pattern WORD = Pattern.compile("\\p{L}+|\\p{N}+");

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
      List<String> sentences, int[][] ngrams, int[] positions, int[] labels, List<String> gold) {}

  /**
   * The sentences of several abstracts, flattened.
   *
   * @param ngrams n-gram ids {@code (S, L)}
   * @param mask 1 where {@code ngrams} holds an n-gram {@code (S, L)}
   * @param positions relative-position bins {@code (S)}
   * @param previous index of the previous sentence of the same abstract, or S {@code (S)}
   * @param next index of the next sentence of the same abstract, or S {@code (S)}
   * @param gold gold label ids {@code (S)} (0 where unknown, see {@code known})
   * @param known 1 where the gold label was seen in training {@code (S)}
   * @param sentences the sentences' text, for rendering
   * @param goldIds gold label ids, -1 where unknown
   * @param goldLabels the gold labels, also those never seen in training
   */
  public record AbstractBatch(
      NDArray ngrams, NDArray mask, NDArray positions, NDArray previous, NDArray next,
      NDArray gold, NDArray known, List<String> sentences, int[] goldIds, List<String> goldLabels) {}

  /** A classifier to train; its label set comes from the training data. */
  public SentenceClassifier() {}

  /** The trainkit view of this classifier. */
  public SentenceClassifierTrainable makeTrainable() {
    return SentenceClassifierTrainable.of(this);
  }

  @Override
  public void fit(List<Abstract> abstracts) {
    TreeSet<String> set = new TreeSet<>();
    for (Abstract a : abstracts) {
      if (!a.isLabeled()) {
        throw new IllegalArgumentException("abstract '" + a.id() + "' of the training data has no"
            + " labels; training needs LABEL<TAB>sentence lines");
      }
      set.addAll(a.labels());
    }
    setLabels(new ArrayList<>(set));
  }

  @Override
  public void saveState(Path directory) throws IOException {
    Files.write(directory.resolve("labels.txt"), labels, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void loadState(Path directory) throws IOException {
    Path file = directory.resolve("labels.txt");
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": missing (not a sentence classifier's checkpoint?)");
    }
    setLabels(Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8));
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
      model = new ClassifierNetwork(BUCKETS, POSITION_BINS, 64, 128, labels.size());
    }
    return model;
  }

  @Preprocess
  public AbstractExample preprocess(Abstract item) {
    int n = item.size();
    int[][] ngrams = new int[n][];
    int[] positions = new int[n];
    int[] gold = new int[n];
    for (int i = 0; i < n; i++) {
      ngrams[i] = ngrams(item.sentences().get(i));
      positions[i] = Math.min(POSITION_BINS - 1, i * POSITION_BINS / n);
      gold[i] = item.isLabeled() ? labelIds.getOrDefault(item.labels().get(i), -1) : -1;
    }
    // without labels (to predict), gold is empty strings: nothing to compare with
    List<String> goldLabels =
        item.isLabeled() ? item.labels() : java.util.Collections.nCopies(n, "");
    return new AbstractExample(item.sentences(), ngrams, positions, gold, goldLabels);
  }

  /** Hashed ids of a sentence's lower-cased words and word bigrams (0 is padding). */
  static int[] ngrams(String sentence) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(sentence.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
    }
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
    int s = examples.stream().mapToInt(e -> e.sentences().size()).sum();
    int l = 1;
    for (AbstractExample e : examples) {
      for (int[] g : e.ngrams()) {
        l = Math.max(l, g.length);
      }
    }
    long[] ids = new long[s * l];
    float[] mask = new float[s * l];
    long[] positions = new long[s];
    long[] previous = new long[s];
    long[] next = new long[s];
    long[] gold = new long[s];
    float[] known = new float[s];
    int[] goldIds = new int[s];
    List<String> sentences = new ArrayList<>(s);
    List<String> goldLabels = new ArrayList<>(s);
    int row = 0;
    for (AbstractExample e : examples) {
      int n = e.sentences().size();
      for (int i = 0; i < n; i++, row++) {
        int[] g = e.ngrams()[i];
        for (int j = 0; j < g.length; j++) {
          ids[row * l + j] = g[j];
          mask[row * l + j] = g[j] == 0 ? 0 : 1;
        }
        positions[row] = e.positions()[i];
        previous[row] = i == 0 ? s : row - 1;
        next[row] = i == n - 1 ? s : row + 1;
        goldIds[row] = e.labels()[i];
        gold[row] = Math.max(0, e.labels()[i]);
        known[row] = e.labels()[i] < 0 ? 0 : 1;
        sentences.add(e.sentences().get(i));
        goldLabels.add(e.gold().get(i));
      }
    }
    return new AbstractBatch(
        manager.create(ids, new Shape(s, l)), manager.create(mask, new Shape(s, l)),
        manager.create(positions), manager.create(previous), manager.create(next),
        manager.create(gold), manager.create(known), sentences, goldIds, goldLabels);
  }

  @Forward
  public ForwardResult forward(AbstractBatch batch, ForwardContext context) {
    NDList output = context.forward(
        new NDList(batch.ngrams(), batch.mask(), batch.positions(), batch.previous(), batch.next()));
    if (context.mode() == ForwardMode.PREDICT) {
      return ForwardResult.prediction(output); // no labels needed, no loss computed
    }
    NDArray logProbabilities = output.head().logSoftmax(1);
    NDArray picked = logProbabilities.mul(batch.gold().oneHot(labels.size())).sum(new int[] {1});
    NDArray loss = picked.neg().mul(batch.known()).sum().div(batch.known().sum().maximum(1f));
    return ForwardResult.of(output, loss);
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
      public void update(Batch<AbstractBatch> batch, NDList output) {
        long[] best = output.head().argMax(1).toLongArray();
        int[] goldIds = batch.data().goldIds();
        for (int i = 0; i < best.length; i++) {
          gold.add(batch.data().goldLabels().get(i));
          predicted.add(labels.get((int) best[i]));
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
    long[] best = output.head().argMax(1).toLongArray();
    List<Prediction> list = new ArrayList<>(best.length);
    for (int i = 0; i < best.length; i++) {
      String gold = batch.goldLabels().get(i);
      String sentence = batch.sentences().get(i);
      list.add(Prediction.of(gold + ": " + sentence, labels.get((int) best[i]) + ": " + sentence));
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

  /** Labels each sentence of one abstract, in order. */
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
    NDArray probabilities = output.head().softmax(1);
    long[] best = probabilities.argMax(1).toLongArray();
    float[] p = probabilities.toFloatArray();
    List<List<LabeledSentence>> out = new ArrayList<>(items.size());
    int row = 0;
    for (Abstract a : items) {
      List<LabeledSentence> sentences = new ArrayList<>(a.size());
      for (String sentence : a.sentences()) {
        int label = (int) best[row];
        sentences.add(new LabeledSentence(sentence, labels.get(label), p[row * labels.size() + label]));
        row++;
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
