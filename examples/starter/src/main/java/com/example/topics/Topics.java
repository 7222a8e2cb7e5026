package com.example.topics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.trainkit.annotations.Collate;
import org.trainkit.annotations.Forward;
import org.trainkit.annotations.Metric;
import org.trainkit.annotations.Model;
import org.trainkit.annotations.Preprocess;
import org.trainkit.annotations.Trainable;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.checkpoint.TrainedRun;
import org.trainkit.runtime.data.DataFormatException;
import org.trainkit.runtime.data.DatasetReader;

/**
 * Tells the topic of a short text: a linear model over hashed words. The smallest useful
 * {@code @Trainable}: train it with {@code TopicsTrainerMain}, use it with {@link #load} and
 * {@link #classify}.
 */
@Trainable(name = "topics", reader = Topics.Reader.class, defaults = {"monitor=accuracy"})
public class Topics {

  /** The topics, in the model's output order. */
  public static final List<String> TOPICS = List.of("sports", "health", "computers");

  private static final int FEATURES = 256;

  /** One line of a data file: {@code topic<TAB>text}. */
  public record Text(String topic, String text) {}

  /** A text as the model reads it: its hashed words, and its topic's index. */
  public record Example(float[] words, int topic) {}

  /** Reads {@code topic<TAB>text} lines. */
  public static final class Reader implements DatasetReader<Text> {
    @Override
    public Stream<Text> read(Path file) throws IOException {
      List<String> lines = Files.readAllLines(file);
      List<Text> texts = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String[] columns = lines.get(i).split("\t", 2);
        if (columns.length != 2 || !TOPICS.contains(columns[0])) {
          throw new DataFormatException(file, i + 1, "expected a topic (one of " + TOPICS + "), a tab, a text");
        }
        texts.add(new Text(columns[0], columns[1]));
      }
      return texts.stream();
    }
  }

  @Model
  final Block model = new SequentialBlock().add(Linear.builder().setUnits(TOPICS.size()).build());

  private final Loss loss = Loss.softmaxCrossEntropyLoss();

  /** Owns the parameters of a loaded model; null while the instance is being trained. */
  private NDManager manager;

  @Preprocess
  Example preprocess(Text text) {
    return new Example(features(text.text()), TOPICS.indexOf(text.topic()));
  }

  @Collate
  NDList collate(List<Example> examples, NDManager manager) {
    float[] x = new float[examples.size() * FEATURES];
    float[] y = new float[examples.size()];
    for (int i = 0; i < examples.size(); i++) {
      System.arraycopy(examples.get(i).words(), 0, x, i * FEATURES, FEATURES);
      y[i] = examples.get(i).topic();
    }
    return new NDList(manager.create(x, new Shape(examples.size(), FEATURES)), manager.create(y));
  }

  @Forward
  ForwardResult forward(NDList batch, ForwardContext context) {
    NDList output = context.forward(new NDList(batch.get(0)));
    return ForwardResult.of(output, loss.evaluate(new NDList(batch.get(1)), output));
  }

  @Metric
  double accuracy(NDList batch, NDList output) {
    NDArray predicted = output.singletonOrThrow().argMax(1).toType(DataType.FLOAT32, false);
    return predicted.eq(batch.get(1)).toType(DataType.FLOAT32, false).mean().getFloat();
  }

  /** Loads the model a run trained (its best checkpoint, else its last). */
  public static Topics load(Path runDirectory) throws IOException {
    Topics topics = new Topics();
    topics.manager = NDManager.newBaseManager();
    TrainedRun.loadParameters(TrainedRun.checkpoint(runDirectory), topics.model, topics.manager);
    return topics;
  }

  /** The topic of {@code text}. */
  public String classify(String text) {
    if (manager == null) {
      throw new IllegalStateException("load a trained model first: Topics.load(runDirectory)");
    }
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(features(text), new Shape(1, FEATURES));
      NDList output = model.forward(new ParameterStore(scope, false), new NDList(x), false);
      return TOPICS.get((int) output.singletonOrThrow().argMax(1).getLong());
    }
  }

  /** Word counts, each word hashed into one of {@link #FEATURES} buckets. */
  private static float[] features(String text) {
    float[] counts = new float[FEATURES];
    for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
      if (!word.isEmpty()) {
        counts[Math.floorMod(word.hashCode(), FEATURES)]++;
      }
    }
    return counts;
  }
}
