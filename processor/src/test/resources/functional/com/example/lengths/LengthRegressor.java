package com.example.lengths;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.trainkit.annotations.Forward;
import org.trainkit.annotations.Metric;
import org.trainkit.annotations.Model;
import org.trainkit.annotations.Preprocess;
import org.trainkit.annotations.Trainable;
import org.trainkit.processor.fixtures.LinesReader;
import org.trainkit.runtime.DataDependent;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.Prediction;
import org.trainkit.runtime.PredictionRenderer;
import org.trainkit.runtime.data.Dataset;

/**
 * Learns twice a line's length from its length. Its examples are NDLists, so it has no
 * {@code @Collate}: the generated adapter stacks them. It is fitted on its training data (it
 * counts the items) and renders its predictions, through the adapter.
 */
@Trainable(name = "lengths", reader = LinesReader.class, modules = CountingModule.class)
public class LengthRegressor implements DataDependent<String>, PredictionRenderer<NDList> {

  /** How many items {@link #fit} saw: -1 until fitted or restored. */
  public int fittedItems = -1;

  @Model
  final Block model = Linear.builder().setUnits(1).build();

  private final Loss loss = Loss.l2Loss();

  /** Examples live until the process ends; a real operation would scope them per dataset. */
  private NDManager examples;

  @Preprocess
  NDList preprocess(String line) {
    synchronized (this) {
      if (examples == null) {
        examples = NDManager.newBaseManager();
      }
    }
    float length = line.length();
    return new NDList(
        examples.create(new float[] {length}), examples.create(new float[] {2 * length}));
  }

  @Forward
  ForwardResult forward(NDList batch, ForwardContext context) {
    NDList output = context.forward(new NDList(batch.get(0)));
    return ForwardResult.of(output, loss.evaluate(new NDList(batch.get(1)), output));
  }

  @Override
  public void fit(Dataset<String> trainingItems) {
    fittedItems = trainingItems.size();
  }

  @Override
  public void saveState(Path directory) throws IOException {
    Files.writeString(directory.resolve("items.txt"), Integer.toString(fittedItems));
  }

  @Override
  public void loadState(Path directory) throws IOException {
    fittedItems = Integer.parseInt(Files.readString(directory.resolve("items.txt")));
  }

  @Override
  public List<Prediction> predictions(NDList batch, NDList output) {
    float[] targets = batch.get(1).toFloatArray();
    float[] predicted = output.singletonOrThrow().toFloatArray();
    List<Prediction> predictions = new ArrayList<>();
    for (int i = 0; i < targets.length; i++) {
      predictions.add(Prediction.of(Float.toString(targets[i]), Float.toString(predicted[i])));
    }
    return predictions;
  }

  @Metric(name = "abs_error")
  double absoluteError(NDList batch, NDList output) {
    return output.singletonOrThrow().sub(batch.get(1)).abs().mean().getFloat();
  }
}
