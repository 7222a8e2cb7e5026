package org.trainkit.runtime.testing;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.Prediction;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.optim.StatefulOptimizer;

/**
 * A component that hands every call to another, for tests to override one hook of a real
 * component (the {@code @OnEpochEnd} method, the predictions, a look at the forward pass)
 * without writing all the others again.
 */
public class ForwardingComponent<R, E, B> implements TrainableComponent<R, E, B> {

  private final TrainableComponent<R, E, B> delegate;

  public ForwardingComponent(TrainableComponent<R, E, B> delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Block model() {
    return delegate.model();
  }

  @Override
  public void fit(Dataset<R> trainingItems) {
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
  public E preprocess(R item) {
    return delegate.preprocess(item);
  }

  @Override
  public B collate(List<E> examples, NDManager manager) {
    return delegate.collate(examples, manager);
  }

  @Override
  public ForwardResult forward(B batch, ForwardContext context) {
    return delegate.forward(batch, context);
  }

  @Override
  public List<MetricsComputer<B>> metrics() {
    return delegate.metrics();
  }

  @Override
  public List<Prediction> predictions(B batch, NDList output) {
    return delegate.predictions(batch, output);
  }

  @Override
  public void onEpochEnd(EpochSummary summary) {
    delegate.onEpochEnd(summary);
  }

  @Override
  public StatefulOptimizer optimizer(TrainerConfig config) {
    return delegate.optimizer(config);
  }
}
