package com.example.tagging;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.Prediction;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.TrainedModel;
import org.trainkit.runtime.checkpoint.TrainedRun;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.optim.StatefulOptimizer;

/**
 * The {@link TrainableComponent} of {@link Tagger}: each method calls the member that
 * carries the matching annotation, directly. Get one with {@link #of}.
 */
@Generated("org.trainkit.processor.TrainableProcessor")
public final class TaggerTrainable implements TrainableComponent<String, List<Token>, NDList> {
  private final Tagger delegate;

  private TaggerTrainable(Tagger delegate) {
    this.delegate = delegate;
  }

  /**
   * The trainable component of {@code tagger}.
   */
  public static TaggerTrainable of(Tagger tagger) {
    return new TaggerTrainable(Objects.requireNonNull(tagger, "tagger"));
  }

  /**
   * Restores a trained run into {@code tagger}: its fitted state and the best checkpoint's
   * parameters (else the last), on the default device. Close the returned model to
   * release its native memory.
   */
  public static TrainedModel<String, NDList> restore(Tagger tagger, Path runDirectory) throws
      IOException {
    return TrainedRun.restore(of(tagger), runDirectory);
  }

  /**
   * Restores a trained run into {@code tagger}, its model on {@code device}.
   */
  public static TrainedModel<String, NDList> restore(Tagger tagger, Path runDirectory,
      Device device) throws IOException {
    return TrainedRun.restore(of(tagger), runDirectory, device);
  }

  @Override
  public Block model() {
    return delegate.model;
  }

  @Override
  public void fit(Dataset<String> trainingItems) {
    delegate.fit(trainingItems);
  }

  @Override
  public void saveState(Path directory) throws IOException {
    delegate.saveState(directory);
  }

  @Override
  public void loadState(Path directory) throws IOException {
    delegate.loadState(directory);
  }

  @Override
  public List<Token> preprocess(String item) {
    return delegate.tokenize(item);
  }

  @Override
  public NDList collate(List<List<Token>> examples, NDManager manager) {
    return delegate.collate(examples, manager);
  }

  @Override
  public ForwardResult forward(NDList batch, ForwardContext context) {
    return delegate.forward(batch, context);
  }

  @Override
  public List<MetricsComputer<NDList>> metrics() {
    return List.of(
        MetricsComputer.averaged("accuracy", delegate::tokenAccuracy),
        delegate.tagCounts());
  }

  @Override
  public List<Prediction> predictions(NDList batch, NDList output) {
    return delegate.predictions(batch, output);
  }

  @Override
  public void onEpochEnd(EpochSummary summary) {
    delegate.stopWhenPerfect(summary);
  }

  @Override
  public StatefulOptimizer optimizer(TrainerConfig config) {
    return delegate.optimizer(config);
  }
}
