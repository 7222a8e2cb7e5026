package com.example.tagging;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trainkit.annotations.Collate;
import org.trainkit.annotations.Forward;
import org.trainkit.annotations.Metric;
import org.trainkit.annotations.Model;
import org.trainkit.annotations.OnEpochEnd;
import org.trainkit.annotations.Optimizer;
import org.trainkit.annotations.Preprocess;
import org.trainkit.annotations.Trainable;
import org.trainkit.runtime.Batch;
import org.trainkit.runtime.DataDependent;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.Prediction;
import org.trainkit.runtime.PredictionRenderer;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.optim.StatefulOptimizer;

/**
 * Tags each word by its length: the canonical shape, with every annotation, fitted on its
 * training data and rendering its predictions.
 */
@Trainable(
    name = "tagger",
    reader = LineReader.class,
    options = TaggerOptions.class,
    defaults = {"monitor=accuracy", "earlyStoppingPatience=3"})
public class Tagger implements DataDependent<String>, PredictionRenderer<NDList> {

  static final int TAGS = 3;

  @Model
  final Block model = new SequentialBlock().add(Linear.builder().setUnits(TAGS).build());

  private final Loss loss = Loss.softmaxCrossEntropyLoss();

  private final TaggerOptions options;

  Tagger(TaggerOptions options) {
    this.options = options;
  }

  /** The longest word seen in training: what {@link #fit} learns from the data. */
  private int longestWord;

  @Override
  public void fit(Dataset<String> trainingItems) {
    for (String line : trainingItems) {
      for (String word : line.split(" ")) {
        longestWord = Math.max(longestWord, word.length());
      }
    }
  }

  @Override
  public void saveState(Path directory) throws IOException {
    Files.writeString(directory.resolve("longest-word.txt"), Integer.toString(longestWord));
  }

  @Override
  public void loadState(Path directory) throws IOException {
    longestWord = Integer.parseInt(Files.readString(directory.resolve("longest-word.txt")).trim());
  }

  @Preprocess
  List<Token> tokenize(String line) {
    List<Token> tokens = new ArrayList<>();
    for (String word : line.split(" ")) {
      tokens.add(new Token(word, Math.min(Math.min(word.length(), options.maxWordLength()), TAGS) - 1));
    }
    return tokens;
  }

  @Collate
  NDList collate(List<List<Token>> sentences, NDManager manager) {
    List<float[]> features = new ArrayList<>();
    List<Float> tags = new ArrayList<>();
    for (List<Token> sentence : sentences) {
      for (Token token : sentence) {
        features.add(new float[] {token.word().length()});
        tags.add((float) token.tag());
      }
    }
    float[][] x = features.toArray(new float[0][]);
    float[] y = new float[tags.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = tags.get(i);
    }
    return new NDList(manager.create(x), manager.create(y));
  }

  @Forward
  ForwardResult forward(NDList batch, ForwardContext context) {
    NDList output = context.forward(new NDList(batch.get(0)));
    NDArray batchLoss = loss.evaluate(new NDList(batch.get(1)), output);
    return ForwardResult.of(output, batchLoss);
  }

  @Metric(name = "accuracy")
  double tokenAccuracy(NDList batch, NDList output) {
    NDArray predicted = output.singletonOrThrow().argMax(1).toType(batch.get(1).getDataType(), false);
    return predicted.eq(batch.get(1)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mean().getFloat();
  }

  @Metric
  MetricsComputer<NDList> tagCounts() {
    return new MetricsComputer<>() {
      private final double[] counts = new double[TAGS];

      @Override
      public List<String> names() {
        return List.of("tag0", "tag1", "tag2");
      }

      @Override
      public void update(Batch<NDList> batch, NDList output) {
        for (float tag : batch.data().get(1).toFloatArray()) {
          counts[(int) tag]++;
        }
      }

      @Override
      public Map<String, Double> compute() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int tag = 0; tag < TAGS; tag++) {
          values.put("tag" + tag, counts[tag]);
        }
        return values;
      }
    };
  }

  @Override
  public List<Prediction> predictions(NDList batch, NDList output) {
    float[] gold = batch.get(1).toFloatArray();
    long[] predicted = output.singletonOrThrow().argMax(1).toLongArray();
    List<Prediction> predictions = new ArrayList<>();
    for (int i = 0; i < gold.length; i++) {
      predictions.add(Prediction.of("tag" + (int) gold[i], "tag" + predicted[i]));
    }
    return predictions;
  }

  @OnEpochEnd
  void stopWhenPerfect(EpochSummary summary) {
    if (summary.value("accuracy") >= 1.0) {
      summary.requestStop();
    }
  }

  @Optimizer
  StatefulOptimizer optimizer(TrainerConfig config) {
    return StatefulOptimizer.fromConfig(config.toBuilder().weightDecay(0.01).build());
  }
}
