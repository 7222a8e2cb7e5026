package com.example.lengths;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import org.trainkit.annotations.Forward;
import org.trainkit.annotations.Metric;
import org.trainkit.annotations.Model;
import org.trainkit.annotations.Preprocess;
import org.trainkit.annotations.Trainable;
import org.trainkit.processor.fixtures.LinesReader;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardResult;

/**
 * Learns twice a line's length from its length. Its examples are NDLists, so it has no
 * {@code @Collate}: the generated adapter stacks them.
 */
@Trainable(name = "lengths", reader = LinesReader.class, modules = CountingModule.class)
public class LengthRegressor {

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

  @Metric(name = "abs_error")
  double absoluteError(NDList batch, NDList output) {
    return output.singletonOrThrow().sub(batch.get(1)).abs().mean().getFloat();
  }
}
