package org.trainkit.runtime.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.testing.Points.Point;

/** A hand-written component: an MLP classifying {@link Point}s, with an accuracy metric. */
public final class PointClassifier implements TrainableComponent<Point, Point, PointClassifier.PointBatch> {

  /** Features and labels of a batch. */
  public record PointBatch(NDArray x, NDArray y) {}

  private final Block model;
  private final List<Supplier<MetricsComputer<PointBatch>>> extraMetrics = new ArrayList<>();
  private final Loss loss = Loss.softmaxCrossEntropyLoss();

  public PointClassifier(int hidden, int classes, float dropout) {
    SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(hidden).build()).add(Activation::relu);
    if (dropout > 0) {
      block.add(Dropout.builder().optRate(dropout).build());
    }
    model = block.add(Linear.builder().setUnits(classes).build());
  }

  /** Adds a metric computed by a fresh computer from {@code metric} at each evaluation. */
  public PointClassifier withMetric(Supplier<MetricsComputer<PointBatch>> metric) {
    extraMetrics.add(metric);
    return this;
  }

  @Override
  public Block model() {
    return model;
  }

  @Override
  public Point preprocess(Point item) {
    return item;
  }

  @Override
  public PointBatch collate(List<Point> examples, NDManager manager) {
    int dims = examples.get(0).x().length;
    float[] x = new float[examples.size() * dims];
    float[] y = new float[examples.size()];
    for (int i = 0; i < examples.size(); i++) {
      System.arraycopy(examples.get(i).x(), 0, x, i * dims, dims);
      y[i] = examples.get(i).label();
    }
    return new PointBatch(
        manager.create(x, new ai.djl.ndarray.types.Shape(examples.size(), dims)), manager.create(y));
  }

  @Override
  public ForwardResult forward(PointBatch batch, ForwardContext context) {
    NDList output = context.forward(new NDList(batch.x()));
    return ForwardResult.of(output, loss.evaluate(new NDList(batch.y()), output));
  }

  @Override
  public List<MetricsComputer<PointBatch>> metrics() {
    List<MetricsComputer<PointBatch>> metrics = new ArrayList<>();
    metrics.add(MetricsComputer.averaged("accuracy", PointClassifier::accuracy));
    extraMetrics.forEach(m -> metrics.add(m.get()));
    return metrics;
  }

  public static double accuracy(PointBatch batch, NDList output) {
    NDArray predicted = output.singletonOrThrow().argMax(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
    return predicted.eq(batch.y()).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).sum().getFloat()
        / batch.y().size();
  }
}
