package org.trainkit.benchmarks.mlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import java.util.List;
import org.trainkit.annotations.Collate;
import org.trainkit.annotations.Forward;
import org.trainkit.annotations.Model;
import org.trainkit.annotations.Preprocess;
import org.trainkit.annotations.Trainable;
import org.trainkit.benchmarks.SlowWork;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardResult;

/**
 * The MLP benchmark as a user would write it: a plain class made trainable with
 * {@code @Trainable}. The processor generates {@code BenchMlpTrainable} (the adapter contender
 * (a) trains through), {@code BenchMlpTrainerModule}, {@code BenchMlpTrainerComponent} and
 * {@code BenchMlpTrainerMain} (whose start-up the start-up benchmark times, with {@link
 * FirstStepProbe} added to its callbacks).
 */
@Trainable(name = "bench-mlp", reader = PointReader.class, modules = FirstStepProbe.class)
public class BenchMlp {

  /** Features {@code (B, INPUTS)} and labels {@code (B)} of a batch. */
  public record MlpBatch(NDArray x, NDArray y) {}

  private static final Loss LOSS = Loss.softmaxCrossEntropyLoss();

  private final Block model = MlpNet.newBlock();
  private final SlowWork preprocessWork;

  /** The MLP with an instant {@code @Preprocess}. */
  public BenchMlp() {
    this(SlowWork.NONE);
  }

  /** The MLP whose {@code @Preprocess} takes {@code work} per item (the prefetch benchmark). */
  public BenchMlp(SlowWork work) {
    this.preprocessWork = work;
  }

  /** The trainkit view of this MLP, as the processor generated it. */
  public BenchMlpTrainable makeTrainable() {
    return BenchMlpTrainable.of(this);
  }

  @Model
  public Block model() {
    return model;
  }

  @Preprocess
  public Point preprocess(Point point) {
    preprocessWork.run();
    return point;
  }

  @Collate
  public MlpBatch collate(List<Point> points, NDManager manager) {
    int n = points.size();
    float[] x = new float[n * MlpNet.INPUTS];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(points.get(i).x(), 0, x, i * MlpNet.INPUTS, MlpNet.INPUTS);
      y[i] = points.get(i).label();
    }
    return new MlpBatch(manager.create(x, new Shape(n, MlpNet.INPUTS)), manager.create(y));
  }

  @Forward
  public ForwardResult forward(MlpBatch batch, ForwardContext context) {
    NDList output = context.forward(new NDList(batch.x()));
    return ForwardResult.of(output, LOSS.evaluate(new NDList(batch.y()), output));
  }
}
