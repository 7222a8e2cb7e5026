package org.trainkit.runtime.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.testing.Points.Point;

/**
 * A component whose loss is a mean over tokens, as a tagger's is: each point stands for a
 * "sentence" of {@link #tokens} tokens that all share its label, so the batch loss is the sum of
 * the examples' cross-entropies times their token counts, over the batch's token count. With
 * {@code reportWeight} it says so through {@link ForwardResult#weightedBy}.
 */
public final class TokenWeightedClassifier
    implements TrainableComponent<Point, Point, TokenWeightedClassifier.TokenBatch> {

  /** Features, labels and token counts of a batch. */
  public record TokenBatch(NDArray x, NDArray y, NDArray tokens, int tokenCount) {}

  private final PointClassifier points;
  private final int classes;
  private final boolean reportWeight;

  public TokenWeightedClassifier(int hidden, int classes, boolean reportWeight) {
    this.points = new PointClassifier(hidden, classes, 0);
    this.classes = classes;
    this.reportWeight = reportWeight;
  }

  /** The token count of a point: 1 to 7, from its features, so batches differ in tokens. */
  public static int tokens(Point p) {
    return 1 + Math.floorMod(Float.floatToIntBits(p.x()[0]), 7);
  }

  @Override
  public Block model() {
    return points.model();
  }

  @Override
  public Point preprocess(Point item) {
    return item;
  }

  @Override
  public TokenBatch collate(List<Point> examples, NDManager manager) {
    PointClassifier.PointBatch b = points.collate(examples, manager);
    float[] tokens = new float[examples.size()];
    int total = 0;
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = tokens(examples.get(i));
      total += (int) tokens[i];
    }
    return new TokenBatch(b.x(), b.y(), manager.create(tokens, new Shape(tokens.length)), total);
  }

  @Override
  public ForwardResult forward(TokenBatch batch, ForwardContext context) {
    NDList output = context.forward(new NDList(batch.x()));
    NDArray logProbabilities = output.singletonOrThrow().logSoftmax(1);
    NDArray gold = batch.y().toType(ai.djl.ndarray.types.DataType.INT32, false).oneHot(classes);
    NDArray exampleLoss = logProbabilities.mul(gold).sum(new int[] {1}).neg();
    NDArray loss = exampleLoss.mul(batch.tokens()).sum().div(batch.tokenCount());
    ForwardResult result = ForwardResult.of(output, loss);
    return reportWeight ? result.weightedBy(batch.tokenCount()) : result;
  }

  @Override
  public List<MetricsComputer<TokenBatch>> metrics() {
    return List.of();
  }
}
