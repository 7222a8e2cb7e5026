package com.example.topics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.trainkit.annotations.Collate;
import org.trainkit.annotations.Forward;
import org.trainkit.annotations.Metric;
import org.trainkit.annotations.Model;
import org.trainkit.annotations.Preprocess;
import org.trainkit.annotations.Trainable;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardMode;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.TrainedModel;
import org.trainkit.runtime.UsesTrainedModel;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.data.ItemLines;
import org.trainkit.runtime.data.ItemSplit;

/**
 * Tells the topic of a short text: a linear model over hashed words. The smallest useful
 * {@code @Trainable}: train it with {@code TopicsTrainerMain}, use it with {@link #load} and
 * {@link #classify(String)}.
 */
@Trainable(name = "topics", reader = Topics.Reader.class, defaults = {"monitor=accuracy"})
public class Topics implements UsesTrainedModel<Topics.Text, NDList> {

  /** The topics, in the model's output order. */
  public static final List<String> TOPICS = List.of("sports", "health", "computers");

  private static final int FEATURES = 256;

  /** One line of a data file: {@code topic<TAB>text}. */
  public record Text(String topic, String text) {}

  /** A text as the model reads it: its hashed words, and its topic's index. */
  public record Example(float[] words, int topic) {}

  /** Reads {@code topic<TAB>text} lines; trainkit opens, indexes and splits the file. */
  public static final class Reader implements DatasetReader<Text> {
    @Override
    public ItemSplit split() {
      return ItemSplit.lines();
    }

    @Override
    public Text parse(ItemLines item) {
      String[] columns = item.line(0).split("\t", 2);
      if (columns.length != 2 || !TOPICS.contains(columns[0])) {
        throw item.error(0, "expected a topic (one of " + TOPICS + "), a tab, a text");
      }
      return new Text(columns[0], columns[1]);
    }
  }

  @Model
  final Block model = new SequentialBlock().add(Linear.builder().setUnits(TOPICS.size()).build());

  private final Loss loss = Loss.softmaxCrossEntropyLoss();

  /** The model training left, or {@link #load} restored; null before. */
  private volatile TrainedModel<Text, NDList> trained;

  @Preprocess
  Example preprocess(Text text) {
    // a text to classify has no topic: -1, which only PREDICT mode sees
    int topic = text.topic() == null ? -1 : TOPICS.indexOf(text.topic());
    return new Example(features(text.text()), topic);
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
    if (context.mode() == ForwardMode.PREDICT) {
      return ForwardResult.prediction(output); // texts to classify have no topic
    }
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
    TopicsTrainable.restore(topics, runDirectory);
    return topics;
  }

  @Override
  public void useTrainedModel(TrainedModel<Text, NDList> model) {
    trained = model;
  }

  /** The topic of {@code text}. */
  public String classify(String text) {
    return classify(List.of(text)).get(0);
  }

  /** The topic of each text, in order; batched. May be called from several threads. */
  public List<String> classify(List<String> texts) {
    if (trained == null) {
      throw new IllegalStateException("train the classifier or load one: Topics.load(runDirectory)");
    }
    List<Text> items = new ArrayList<>(texts.size());
    texts.forEach(t -> items.add(new Text(null, t)));
    return trained.predict(items, (batchItems, batch, output) -> {
      long[] best = output.singletonOrThrow().argMax(1).toLongArray();
      List<String> topics = new ArrayList<>(best.length);
      for (long b : best) {
        topics.add(TOPICS.get((int) b));
      }
      return topics;
    });
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
