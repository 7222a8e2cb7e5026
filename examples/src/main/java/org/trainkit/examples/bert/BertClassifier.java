package org.trainkit.examples.bert;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import org.trainkit.annotations.Collate;
import org.trainkit.annotations.Forward;
import org.trainkit.annotations.Metric;
import org.trainkit.annotations.Model;
import org.trainkit.annotations.Optimizer;
import org.trainkit.annotations.Preprocess;
import org.trainkit.annotations.Trainable;
import org.trainkit.examples.classifier.LabeledSentence;
import org.trainkit.examples.data.Abstract;
import org.trainkit.examples.data.RctReader;
import org.trainkit.nlp.bert.BertCheckpoint;
import org.trainkit.nlp.bert.BertConfig;
import org.trainkit.nlp.bert.BertSequenceClassifier;
import org.trainkit.nlp.bert.PretrainedModel;
import org.trainkit.nlp.tokenize.AlignedTokenizer;
import org.trainkit.runtime.Batch;
import org.trainkit.runtime.DataDependent;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardMode;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.Prediction;
import org.trainkit.runtime.PredictionRenderer;
import org.trainkit.runtime.PredictsPretrained;
import org.trainkit.runtime.TrainedModel;
import org.trainkit.runtime.UsesTrainedModel;
import org.trainkit.runtime.checkpoint.TrainedRun;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.metrics.ClassificationMetrics;
import org.trainkit.runtime.optim.StatefulOptimizer;
import org.trainkit.runtime.optim.WeightDecayFilter;

/**
 * A sentence classifier fine-tuned from a pretrained BERT checkpoint: Hugging Face's {@code
 * BertForSequenceClassification} on each sentence alone (its text as the single input; no
 * neighbours, no position), read from PubMed-RCT files. Labels, fitted state, export and
 * training defaults as {@link BertTagger}'s, except that a batch counts abstracts: {@code
 * batchSize=2} is about 16 sentences.
 */
@Trainable(
    name = "bert-classifier",
    reader = RctReader.class,
    options = BertClassifierOptions.class,
    writer = BertClassifierPredictionWriter.class,
    modules = ExportModule.class,
    defaults = {"monitor=accuracy", "optimizer=adamw", "learningRate=5e-5", "weightDecay=0.01",
        "lrSchedule=linear", "warmupSteps=100", "gradientClipNorm=1.0", "batchSize=2",
        "inferenceBatchSize=8", "iterations=3"})
public class BertClassifier implements DataDependent<Abstract>,
    PredictionRenderer<BertClassifier.SentenceBatch>,
    UsesTrainedModel<Abstract, BertClassifier.SentenceBatch>, PredictsPretrained, AutoCloseable {

  private final BertClassifierOptions options;
  private final BertCheckpoint pretrained;
  private PrintStream log = System.out;

  private BertConfig config;
  private AlignedTokenizer tokenizer;
  private SortedMap<String, byte[]> tokenizerFiles;
  private BertCheckpoint weightsSource;
  private PretrainedModel model;
  private boolean reportShown;
  private volatile TrainedModel<Abstract, SentenceBatch> trained;

  /** The sentences of one abstract as piece ids, with their gold label ids (-1: unseen). */
  public record AbstractExample(List<String> sentences, List<long[]> ids, List<String> gold,
      int[] goldIds, int truncated) {}

  /** Every sentence of the batch's abstracts, one row each, padded. */
  public record SentenceBatch(NDArray ids, NDArray typeIds, NDArray mask, NDArray labels,
      List<String> sentences, List<String> gold, int[] goldIds, int truncated) {}

  public BertClassifier(BertClassifierOptions options) {
    this.options = options;
    this.pretrained = BertFiles.checkIfPresent(options.pretrained(), options.maxLength(),
        BertSequenceClassifier::new);
  }

  /**
   * A classifier that starts from {@code directory}; train it with {@code makeTrainable()}. When
   * the checkpoint was fine-tuned for sequence classification (it has {@code id2label}), it also
   * classifies at once ({@link #classify}) with its head and labels as they are; close it when
   * done.
   */
  public static BertClassifier fromPretrained(Path directory) {
    BertClassifier classifier = new BertClassifier(
        new BertClassifierOptions(directory, BertClassifierOptions.defaults().maxLength()));
    if (!classifier.pretrained.config().labels().isEmpty()) {
      TrainedRun.pretrained(classifier.makeTrainable(), Device.cpu());
    }
    return classifier;
  }

  /**
   * Loads a trained classifier from a run directory: its best checkpoint (or last). The
   * pretrained directory is not needed.
   */
  public static BertClassifier load(Path runDirectory) throws IOException {
    BertClassifier classifier = new BertClassifier(
        new BertClassifierOptions(Path.of(""), BertClassifierOptions.defaults().maxLength()));
    BertClassifierTrainable.restore(classifier, runDirectory, Device.cpu());
    return classifier;
  }

  /**
   * Makes this classifier the pretrained checkpoint's own model — its head and labels ({@code
   * id2label}) as they are — for predicting without training ({@code predict --pretrained}).
   */
  @Override
  public void usePretrained() {
    BertCheckpoint checkpoint = BertFiles.requireFineTuned(pretrained, options.pretrained(),
        options.maxLength(), "sequence-classification", "bert-classifier");
    start(checkpoint.config(), checkpoint.directory());
    weightsSource = checkpoint;
  }

  public BertClassifierTrainable makeTrainable() {
    return BertClassifierTrainable.of(this);
  }

  public void logTo(PrintStream stream) {
    this.log = stream;
  }

  @Override
  public void fit(Dataset<Abstract> abstracts) {
    BertCheckpoint checkpoint =
        BertFiles.requirePretrained(pretrained, options.pretrained(), options.maxLength());
    TreeSet<String> labels = new TreeSet<>();
    for (int i = 0; i < abstracts.size(); i++) {
      Abstract a = abstracts.get(i);
      if (!a.isLabeled()) {
        throw abstracts.invalidItem(i, "abstract '" + a.id() + "' has no labels; training needs"
            + " LABEL<TAB>sentence lines");
      }
      labels.addAll(a.labels());
    }
    start(checkpoint.config().withLabels(new ArrayList<>(labels)), checkpoint.directory());
    weightsSource = checkpoint;
  }

  private void start(BertConfig runConfig, Path files) {
    close();
    config = runConfig;
    tokenizer = AlignedTokenizer.open(files, options.maxLength());
    tokenizerFiles = BertFiles.tokenizerFiles(files);
    model = null;
  }

  @Override
  public void saveState(Path directory) throws IOException {
    BertFiles.save(directory, model, tokenizerFiles);
  }

  @Override
  public void loadState(Path directory) throws IOException {
    BertConfig saved = BertFiles.config(directory);
    BertFiles.checkMaxLength(saved, options.maxLength());
    start(saved, directory);
    weightsSource = null;
  }

  @Model
  public Block model() {
    if (config == null) {
      throw new IllegalStateException("fit the classifier on training data (or load one) first");
    }
    if (model == null) {
      BertSequenceClassifier classifier = new BertSequenceClassifier(config);
      model = weightsSource == null
          ? PretrainedModel.restored(classifier)
          : new PretrainedModel(classifier, weightsSource);
    }
    return model;
  }

  @Optimizer
  public StatefulOptimizer optimizer(TrainerConfig trainerConfig) {
    return StatefulOptimizer.fromConfig(trainerConfig, WeightDecayFilter.NOT_BIASES_OR_NORMS);
  }

  @Preprocess
  public AbstractExample preprocess(Abstract item) {
    List<long[]> ids = new ArrayList<>(item.size());
    int[] goldIds = new int[item.size()];
    int truncated = 0;
    for (int i = 0; i < item.size(); i++) {
      long[] pieces = tokenizer.encodeText(item.sentences().get(i)).ids();
      if (pieces.length > options.maxLength()) {
        // as Hugging Face's truncation: the beginning, then [SEP]
        long sep = pieces[pieces.length - 1];
        pieces = Arrays.copyOf(pieces, options.maxLength());
        pieces[pieces.length - 1] = sep;
        truncated++;
      }
      ids.add(pieces);
      // an abstract to predict has no labels: out of the loss
      goldIds[i] = item.isLabeled() ? config.labels().indexOf(item.labels().get(i)) : -1;
    }
    List<String> gold = item.isLabeled() ? item.labels() : Collections.nCopies(item.size(), "");
    return new AbstractExample(item.sentences(), ids, gold, goldIds, truncated);
  }

  @Collate
  public SentenceBatch collate(List<AbstractExample> examples, NDManager manager) {
    List<long[]> rows = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    List<String> gold = new ArrayList<>();
    int truncated = 0;
    for (AbstractExample e : examples) {
      rows.addAll(e.ids());
      sentences.addAll(e.sentences());
      gold.addAll(e.gold());
      truncated += e.truncated();
    }
    int[] goldIds = examples.stream().flatMapToInt(e -> Arrays.stream(e.goldIds())).toArray();
    int length = Math.max(1, rows.stream().mapToInt(r -> r.length).max().orElse(1));
    long[] ids = new long[rows.size() * length];
    long[] mask = new long[rows.size() * length];
    for (int r = 0; r < rows.size(); r++) {
      long[] row = rows.get(r);
      System.arraycopy(row, 0, ids, r * length, row.length);
      Arrays.fill(mask, r * length, r * length + row.length, 1);
    }
    Shape shape = new Shape(rows.size(), length);
    long[] labels = Arrays.stream(goldIds).mapToLong(i -> i).toArray();
    return new SentenceBatch(manager.create(ids, shape), manager.zeros(shape, DataType.INT64),
        manager.create(mask, shape), manager.create(labels), sentences, gold, goldIds,
        truncated);
  }

  @Forward
  public ForwardResult forward(SentenceBatch batch, ForwardContext context) {
    NDList output = context.forward(new NDList(batch.ids(), batch.typeIds(), batch.mask()));
    if (!reportShown && weightsSource != null && model.loadReport().isPresent()) {
      reportShown = true;
      log.println("pretrained " + weightsSource.directory() + ": "
          + model.loadReport().get().describe());
    }
    if (context.mode() == ForwardMode.PREDICT) {
      return ForwardResult.prediction(output);
    }
    NDArray kept = batch.labels().gte(0).toType(DataType.FLOAT32, false);
    NDArray gold = batch.labels().maximum(0).oneHot(config.labels().size());
    NDArray logLikelihood = output.head().logSoftmax(-1).mul(gold).sum(new int[] {-1});
    long counted = Arrays.stream(batch.goldIds()).filter(i -> i >= 0).count();
    NDArray loss = logLikelihood.mul(kept).sum().div(kept.sum().maximum(1f)).neg();
    return ForwardResult.of(output, loss).weightedBy(counted);
  }

  /** Accuracy, macro and weighted F1, per-class scores, confusion; unseen and truncated counts. */
  @Metric
  public MetricsComputer<SentenceBatch> classification() {
    return new MetricsComputer<>() {
      private final List<String> gold = new ArrayList<>();
      private final List<String> predicted = new ArrayList<>();
      private long unseen;
      private long truncated;

      @Override
      public List<String> names() {
        List<String> names = new ArrayList<>(ClassificationMetrics.NAMES);
        names.addAll(List.of("unseen_labels", "truncated_sentences"));
        return names;
      }

      @Override
      public void update(Batch<SentenceBatch> batch, NDList output) {
        gold.addAll(batch.data().gold());
        predicted.addAll(predictedLabels(output));
        unseen += Arrays.stream(batch.data().goldIds()).filter(i -> i < 0).count();
        truncated += batch.data().truncated();
      }

      @Override
      public Map<String, Double> compute() {
        Map<String, Double> values = ClassificationMetrics.compute(gold, predicted).values();
        values.put("unseen_labels", (double) unseen);
        values.put("truncated_sentences", (double) truncated);
        return values;
      }
    };
  }

  /** The predicted label of every sentence of the batch, in order. */
  public List<String> predictedLabels(NDList output) {
    long[] best = output.head().argMax(-1).toLongArray();
    List<String> labels = new ArrayList<>(best.length);
    for (long b : best) {
      labels.add(config.labels().get((int) b));
    }
    return labels;
  }

  @Override
  public List<Prediction> predictions(SentenceBatch batch, NDList output) {
    List<String> labels = predictedLabels(output);
    List<Prediction> list = new ArrayList<>(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      String sentence = batch.sentences().get(i);
      list.add(Prediction.of(batch.gold().get(i) + ": " + sentence, labels.get(i) + ": " + sentence));
    }
    return list;
  }

  // ---------------------------------------------------------------------------------------------
  // The operation

  /**
   * Each sentence with its most probable label, classified on its own, in batches. May be called
   * from several threads at once.
   */
  public List<LabeledSentence> classify(List<String> sentences) {
    TrainedModel<Abstract, SentenceBatch> model = trained;
    if (model == null) {
      throw new IllegalStateException("train the classifier, load a run (BertClassifier.load) or"
          + " take a checkpoint fine-tuned for sequence classification (fromPretrained) first");
    }
    List<Abstract> items = new ArrayList<>(sentences.size());
    for (int i = 0; i < sentences.size(); i++) {
      items.add(new Abstract(Integer.toString(i), List.of(sentences.get(i)), List.of()));
    }
    List<List<LabeledSentence>> labeled = model.predict(
        items, Abstract::size, (batchItems, batch, output) -> label(batchItems, batch, output));
    return labeled.stream().map(one -> one.get(0)).toList();
  }

  /** Each abstract's sentences of one batch with their labels and probabilities, in batch order. */
  List<List<LabeledSentence>> label(List<Abstract> items, SentenceBatch batch, NDList output) {
    NDArray logits = output.head();
    int classes = (int) logits.getShape().get(1);
    long[] best = logits.argMax(-1).toLongArray();
    float[] probabilities = logits.softmax(-1).toFloatArray();
    List<List<LabeledSentence>> out = new ArrayList<>(items.size());
    int row = 0;
    for (Abstract a : items) {
      List<LabeledSentence> sentences = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++, row++) {
        int label = (int) best[row];
        sentences.add(new LabeledSentence(a.sentences().get(i), config.labels().get(label),
            probabilities[row * classes + label]));
      }
      out.add(sentences);
    }
    return out;
  }

  /** Takes the model training left, {@link #load} restored or the pretrained checkpoint gave. */
  @Override
  public void useTrainedModel(TrainedModel<Abstract, SentenceBatch> model) {
    TrainedModel<Abstract, SentenceBatch> old = trained;
    trained = model;
    if (old != null && old != model) {
      old.close();
    }
  }

  /** Frees the tokenizer and the model's native memory; the classifier cannot classify afterwards. */
  @Override
  public void close() {
    if (tokenizer != null) {
      tokenizer.close();
      tokenizer = null;
    }
    TrainedModel<Abstract, SentenceBatch> model = trained;
    trained = null;
    if (model != null) {
      model.close();
    }
  }
}
