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
import org.trainkit.examples.data.ConllReader;
import org.trainkit.examples.data.Sentence;
import org.trainkit.examples.tagger.EntityScores;
import org.trainkit.examples.tagger.Mention;
import org.trainkit.examples.tagger.TextTokens;
import org.trainkit.nlp.bert.BertCheckpoint;
import org.trainkit.nlp.bert.BertConfig;
import org.trainkit.nlp.bert.BertTokenClassifier;
import org.trainkit.nlp.bert.LoadReport;
import org.trainkit.nlp.bert.PretrainedModel;
import org.trainkit.nlp.tokenize.AlignedTokenizer;
import org.trainkit.nlp.tokenize.SubtokenLabels;
import org.trainkit.nlp.tokenize.TokenWindow;
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
import org.trainkit.runtime.metrics.EntityMetrics;
import org.trainkit.runtime.metrics.EntityMetrics.Span;
import org.trainkit.runtime.optim.StatefulOptimizer;
import org.trainkit.runtime.optim.WeightDecayFilter;

/**
 * An entity tagger fine-tuned from a pretrained BERT checkpoint (BioBERT, PubMedBERT, SciBERT,
 * plain BERT …): Hugging Face's {@code BertForTokenClassification}, trained the way Hugging
 * Face's examples train it — a word's label on its first piece, the other pieces out of the loss
 * (or every piece, {@code tagSubtokens}), AdamW without decay on biases and LayerNorm, linear
 * warm-up and decay, gradient clipping at 1.
 *
 * <p>A new run reads the pretrained directory ({@code --pretrained DIR}): its architecture,
 * tokenizer and weights. The labels are the training data's, in the option's scheme; when the
 * checkpoint's {@code id2label} is the same set its head is kept (rows reordered), otherwise the
 * head is new — the run prints which, and which tensors were loaded. Every checkpoint keeps a
 * whole Hugging Face directory as the component's state, so the run needs nothing else
 * afterwards and {@code checkpoints/best/component/} loads in {@code transformers}.
 *
 * <p>Sentences longer than {@code maxLength} pieces are read in windows (a word is cut only when
 * it alone is longer than a window); no word is dropped. Predictions come from each word's first
 * piece.
 */
@Trainable(
    name = "bert-tagger",
    reader = ConllReader.class,
    options = BertTaggerOptions.class,
    writer = BertTaggerPredictionWriter.class,
    modules = ExportModule.class,
    defaults = {"monitor=entity_f1", "optimizer=adamw", "learningRate=5e-5", "weightDecay=0.01",
        "lrSchedule=linear", "warmupSteps=100", "gradientClipNorm=1.0", "batchSize=16",
        "iterations=3"})
public class BertTagger implements DataDependent<Sentence>, PredictionRenderer<BertTagger.TagBatch>,
    UsesTrainedModel<Sentence, BertTagger.TagBatch>, PredictsPretrained, AutoCloseable {

  private final BertTaggerOptions options;
  private final BertCheckpoint pretrained; // checked when the option names a directory
  private PrintStream log = System.out;

  private BertConfig config; // the architecture with this run's labels, in row order
  private AlignedTokenizer tokenizer;
  private SortedMap<String, byte[]> tokenizerFiles;
  private BertCheckpoint weightsSource; // null: weights come from a trainkit checkpoint
  private PretrainedModel model;
  private boolean reportShown;
  private volatile TrainedModel<Sentence, TagBatch> trained;

  /**
   * One sentence as model inputs: its windows, each piece's label id ({@link
   * SubtokenLabels#IGNORED} outside the loss, -1 for a label training never had), and the gold
   * tags in the training scheme.
   */
  public record TagExample(List<String> words, List<TokenWindow> windows, List<int[]> labels,
      List<String> gold, int unseen) {}

  /**
   * Windows of several sentences, padded: {@code (rows, length)} arrays; an example's windows
   * are rows {@code firstRow[i] ..} in order.
   */
  public record TagBatch(NDArray ids, NDArray typeIds, NDArray mask, NDArray labels,
      List<TagExample> examples, int[] firstRow, int lossPieces) {}

  /** A tagger as the generated trainer builds it, from its options. */
  public BertTagger(BertTaggerOptions options) {
    this.options = options;
    this.pretrained = BertFiles.checkIfPresent(options.pretrained(), options.maxLength(),
        BertTokenClassifier::new);
  }

  /**
   * A tagger that starts from {@code directory}. Train it ({@code makeTrainable()}), and its
   * labels come from the training data. When the checkpoint was fine-tuned for token
   * classification (it has {@code id2label}), the tagger also tags at once ({@link #tag}, {@link
   * #tagWords}) with its head and labels as they are; close it when done.
   */
  public static BertTagger fromPretrained(Path directory) {
    BertTaggerOptions defaults = BertTaggerOptions.defaults();
    BertTagger tagger = new BertTagger(new BertTaggerOptions(directory, defaults.scheme(),
        defaults.tagSubtokens(), defaults.maxLength()));
    if (!tagger.pretrained.config().labels().isEmpty()) {
      TrainedRun.pretrained(tagger.makeTrainable(), Device.cpu());
    }
    return tagger;
  }

  /**
   * Makes this tagger the pretrained checkpoint's own model — its head and labels ({@code
   * id2label}) as they are — for predicting without training (what {@code predict --pretrained}
   * runs). Called instead of {@code fit} / {@code loadState}.
   */
  @Override
  public void usePretrained() {
    BertCheckpoint checkpoint = BertFiles.requireFineTuned(pretrained, options.pretrained(),
        options.maxLength(), "token-classification", "bert-tagger");
    start(checkpoint, checkpoint.config());
  }

  /** The trainkit view of this tagger (what {@code BertTaggerTrainable.of} builds). */
  public BertTaggerTrainable makeTrainable() {
    return BertTaggerTrainable.of(this);
  }

  /** Where the load report goes (standard output unless told otherwise). */
  public void logTo(PrintStream stream) {
    this.log = stream;
  }

  /** What loading the pretrained weights did; empty before the model is initialized. */
  public java.util.Optional<LoadReport> loadReport() {
    return model == null ? java.util.Optional.empty() : model.loadReport();
  }

  /** The scheme the tagger trains in (its option). */
  TagScheme scheme() {
    return options.scheme();
  }

  /** The labels, in the model's row order (in the training scheme). */
  public List<String> labels() {
    requireState();
    return config.labels();
  }

  // ---------------------------------------------------------------------------------------------
  // Fitting to the data; the fitted state is a Hugging Face directory

  @Override
  public void fit(Dataset<Sentence> sentences) {
    BertCheckpoint checkpoint =
        BertFiles.requirePretrained(pretrained, options.pretrained(), options.maxLength());
    TreeSet<String> tags = new TreeSet<>();
    for (int i = 0; i < sentences.size(); i++) {
      Sentence s = sentences.get(i);
      if (!s.isTagged()) {
        throw sentences.invalidItem(i, "a training sentence without tags (each token line needs"
            + " its tag in the last column)");
      }
      tags.addAll(options.scheme().encode(s.tags()));
    }
    tags.remove("O");
    List<String> labels = new ArrayList<>(List.of("O"));
    labels.addAll(tags);
    start(checkpoint, checkpoint.config().withLabels(labels));
  }

  private void start(BertCheckpoint checkpoint, BertConfig runConfig) {
    close();
    config = runConfig;
    tokenizer = AlignedTokenizer.open(checkpoint.directory(), options.maxLength());
    tokenizerFiles = BertFiles.tokenizerFiles(checkpoint.directory());
    weightsSource = checkpoint;
    model = null;
  }

  @Override
  public void saveState(Path directory) throws IOException {
    requireState();
    BertFiles.save(directory, model, tokenizerFiles);
  }

  @Override
  public void loadState(Path directory) throws IOException {
    close();
    config = BertFiles.config(directory);
    BertFiles.checkMaxLength(config, options.maxLength());
    tokenizer = AlignedTokenizer.open(directory, options.maxLength());
    tokenizerFiles = BertFiles.tokenizerFiles(directory);
    weightsSource = null;
    model = null;
  }

  private void requireState() {
    if (config == null) {
      throw new IllegalStateException("fit the tagger on training data, load a run"
          + " (BertTagger.load) or take a fine-tuned checkpoint (fromPretrained) first");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The training contract

  @Model
  public Block model() {
    requireState();
    if (model == null) {
      BertTokenClassifier classifier = new BertTokenClassifier(config);
      model = weightsSource == null
          ? PretrainedModel.restored(classifier)
          : new PretrainedModel(classifier, weightsSource);
    }
    return model;
  }

  /** AdamW (or what the configuration names) with no weight decay on biases and LayerNorm. */
  @Optimizer
  public StatefulOptimizer optimizer(TrainerConfig trainerConfig) {
    return StatefulOptimizer.fromConfig(trainerConfig, WeightDecayFilter.NOT_BIASES_OR_NORMS);
  }

  @Preprocess
  public TagExample preprocess(Sentence sentence) {
    List<String> gold = options.scheme().encode(sentence.tags());
    int[] wordLabels = new int[sentence.size()];
    Arrays.fill(wordLabels, -1); // a sentence to predict has no tags: every piece out of the loss
    int unseen = 0;
    for (int i = 0; i < gold.size(); i++) {
      // a label training never had: out of the loss, but kept as gold (a miss in the metrics)
      wordLabels[i] = config.labels().indexOf(gold.get(i));
      unseen += wordLabels[i] < 0 ? 1 : 0;
    }
    List<TokenWindow> windows = tokenizer.windows(sentence.tokens());
    List<int[]> labels = new ArrayList<>(windows.size());
    for (TokenWindow window : windows) {
      int[] pieces = SubtokenLabels.pieceLabels(window, wordLabels, options.tagSubtokens());
      for (int i = 0; i < pieces.length; i++) {
        pieces[i] = pieces[i] < 0 ? SubtokenLabels.IGNORED : pieces[i];
      }
      labels.add(pieces);
    }
    return new TagExample(sentence.tokens(), windows, labels, gold, unseen);
  }

  @Collate
  public TagBatch collate(List<TagExample> examples, NDManager manager) {
    int[] firstRow = new int[examples.size()];
    int rows = 0;
    int length = 1;
    for (int i = 0; i < examples.size(); i++) {
      firstRow[i] = rows;
      for (TokenWindow window : examples.get(i).windows()) {
        rows++;
        length = Math.max(length, window.size());
      }
    }
    long[] ids = new long[rows * length];
    long[] mask = new long[rows * length];
    long[] labels = new long[rows * length];
    Arrays.fill(labels, SubtokenLabels.IGNORED);
    int lossPieces = 0;
    for (int i = 0; i < examples.size(); i++) {
      TagExample e = examples.get(i);
      for (int w = 0; w < e.windows().size(); w++) {
        TokenWindow window = e.windows().get(w);
        int row = (firstRow[i] + w) * length;
        for (int p = 0; p < window.size(); p++) {
          ids[row + p] = window.ids()[p];
          mask[row + p] = 1;
          labels[row + p] = e.labels().get(w)[p];
          lossPieces += labels[row + p] >= 0 ? 1 : 0;
        }
      }
    }
    Shape shape = new Shape(rows, length);
    return new TagBatch(manager.create(ids, shape), manager.zeros(shape, DataType.INT64),
        manager.create(mask, shape), manager.create(labels, shape), examples, firstRow,
        lossPieces);
  }

  @Forward
  public ForwardResult forward(TagBatch batch, ForwardContext context) {
    NDList output = context.forward(new NDList(batch.ids(), batch.typeIds(), batch.mask()));
    showLoadReport();
    if (context.mode() == ForwardMode.PREDICT) {
      return ForwardResult.prediction(output);
    }
    // cross-entropy averaged over the pieces in the loss (PyTorch's ignore_index)
    NDArray labels = batch.labels();
    NDArray kept = labels.gte(0).toType(DataType.FLOAT32, false);
    NDArray gold = labels.maximum(0).oneHot(config.labels().size());
    NDArray logLikelihood = output.head().logSoftmax(-1).mul(gold).sum(new int[] {-1});
    NDArray loss = logLikelihood.mul(kept).sum().div(kept.sum().maximum(1f)).neg();
    return ForwardResult.of(output, loss).weightedBy(batch.lossPieces());
  }

  private void showLoadReport() {
    if (!reportShown && model != null && model.loadReport().isPresent()) {
      reportShown = true;
      log.println("pretrained " + weightsSource.directory() + ": "
          + model.loadReport().get().describe());
    }
  }

  /**
   * Entity precision, recall and F1 (seqeval, strict spans) in the training scheme, micro and
   * per type; {@code unseen_labels} (gold words whose label training never had) and {@code
   * split_sentences} (sentences read in more than one window).
   */
  @Metric
  public MetricsComputer<TagBatch> entities() {
    EntityScores scores = new EntityScores(options.scheme().metricsScheme());
    return new MetricsComputer<>() {
      @Override
      public List<String> names() {
        return EntityScores.NAMES;
      }

      @Override
      public void update(Batch<TagBatch> batch, NDList output) {
        List<List<String>> tagged = predictedTags(batch.data(), output);
        for (int i = 0; i < tagged.size(); i++) {
          TagExample e = batch.data().examples().get(i);
          scores.add(e.gold(), tagged.get(i), e.unseen(), e.windows().size() > 1);
        }
      }

      @Override
      public Map<String, Double> compute() {
        return scores.compute();
      }
    };
  }

  @Override
  public List<Prediction> predictions(TagBatch batch, NDList output) {
    List<List<String>> tagged = predictedTags(batch, output);
    List<Prediction> list = new ArrayList<>(tagged.size());
    for (int i = 0; i < tagged.size(); i++) {
      TagExample e = batch.examples().get(i);
      list.add(Prediction.of(render(e.words(), e.gold()), render(e.words(), tagged.get(i))));
    }
    return list;
  }

  /**
   * Each sentence's predicted tags, one per word, in the training scheme and valid (repaired).
   * A prediction writer converts them to the input file's scheme with {@link TagScheme#of} and
   * {@link TagScheme#encode}.
   */
  public List<List<String>> predictedTags(TagBatch batch, NDList output) {
    NDArray best = output.head().argMax(-1);
    int length = (int) best.getShape().get(1);
    long[] ids = best.toLongArray();
    List<List<String>> sentences = new ArrayList<>(batch.examples().size());
    for (int i = 0; i < batch.examples().size(); i++) {
      TagExample e = batch.examples().get(i);
      int[] words = new int[e.words().size()]; // 0 is "O": a word without pieces stays outside
      for (int w = 0; w < e.windows().size(); w++) {
        TokenWindow window = e.windows().get(w);
        int[] pieces = new int[window.size()];
        int row = (batch.firstRow()[i] + w) * length;
        for (int p = 0; p < pieces.length; p++) {
          pieces[p] = (int) ids[row + p];
        }
        SubtokenLabels.wordPredictions(window, pieces, words);
      }
      List<String> tags = new ArrayList<>(words.length);
      for (int label : words) {
        tags.add(config.labels().get(label));
      }
      sentences.add(options.scheme().encode(tags));
    }
    return sentences;
  }

  /** {@code [lung cancer](DISEASE) treated with [aspirin](DRUG)}. */
  static String render(List<String> words, List<String> tags) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (Span span : EntityMetrics.spans(tags)) {
      for (; next < span.start(); next++) {
        out.append(out.length() == 0 ? "" : " ").append(words.get(next));
      }
      out.append(out.length() == 0 ? "" : " ").append('[')
          .append(String.join(" ", words.subList(span.start(), span.end())))
          .append("](").append(span.type()).append(')');
      next = span.end();
    }
    for (; next < words.size(); next++) {
      out.append(out.length() == 0 ? "" : " ").append(words.get(next));
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // The operation

  /**
   * Loads a trained tagger from a run directory: its best checkpoint (or last) — architecture,
   * labels, tokenizer and parameters. The pretrained directory is not needed.
   */
  public static BertTagger load(Path runDirectory) throws IOException {
    return load(runDirectory, BertTaggerOptions.defaults());
  }

  /** As {@link #load(Path)}, with the run's options (scheme, maximum length). */
  public static BertTagger load(Path runDirectory, BertTaggerOptions options) throws IOException {
    BertTagger tagger = new BertTagger(new BertTaggerOptions(Path.of(""), options.scheme(),
        options.tagSubtokens(), options.maxLength()));
    BertTaggerTrainable.restore(tagger, runDirectory, Device.cpu());
    return tagger;
  }

  /** Takes the model training left, {@link #load} restored or the pretrained checkpoint gave. */
  @Override
  public void useTrainedModel(TrainedModel<Sentence, TagBatch> model) {
    TrainedModel<Sentence, TagBatch> old = trained;
    trained = model;
    if (old != null && old != model) {
      old.close();
    }
  }

  /** The tags of pre-split words, in {@code scheme}. May be called from several threads at once. */
  public List<String> tagWords(List<String> words, TagScheme scheme) {
    if (words.isEmpty()) {
      return List.of();
    }
    return scheme.encode(tagAll(List.of(Sentence.untagged(words, List.of()))).get(0));
  }

  /** The entity mentions in {@code text}, in order, with character offsets. */
  public List<Mention> tag(String text) {
    return tag(List.of(text)).get(0);
  }

  /**
   * The entity mentions of each text, in order: one list per text, tagged in batches, the longest
   * together. May be called from several threads at once.
   */
  public List<List<Mention>> tag(List<String> texts) {
    List<TextTokens> tokenized = texts.stream().map(TextTokens::of).toList();
    List<List<String>> tagged = tagAll(
        tokenized.stream().map(t -> Sentence.untagged(t.tokens(), List.of(t.text()))).toList());
    List<List<Mention>> mentions = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      mentions.add(tokenized.get(i).mentions(tagged.get(i)));
    }
    return mentions;
  }

  private List<List<String>> tagAll(List<Sentence> sentences) {
    TrainedModel<Sentence, TagBatch> model = trained;
    if (model == null) {
      throw new IllegalStateException("train the tagger, load a run (BertTagger.load) or take a"
          + " checkpoint fine-tuned for token classification (BertTagger.fromPretrained) first");
    }
    return model.predict(sentences, Sentence::size, (items, batch, output) -> predictedTags(batch, output));
  }

  /** Frees the tokenizer and the model's native memory; the tagger cannot tag afterwards. */
  @Override
  public void close() {
    if (tokenizer != null) {
      tokenizer.close();
      tokenizer = null;
    }
    TrainedModel<Sentence, TagBatch> model = trained;
    trained = null;
    if (model != null) {
      model.close();
    }
  }
}
