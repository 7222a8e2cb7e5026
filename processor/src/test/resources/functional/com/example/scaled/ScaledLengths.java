package com.example.scaled;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
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
 * Learns {@code scale} times a line's length, where {@code scale} is one of its own options; its
 * metrics report the options it was built with, so a test can see what the generated wiring gave
 * it in a run of the generated main.
 */
@Trainable(
    name = "scaled",
    reader = LinesReader.class,
    options = ScaledLengths.Options.class,
    defaults = {"monitor=dev_loss", "learningRate=0.01"})
public class ScaledLengths {

  /** The options: a number, an enum and a string. */
  public record Options(double scale, Unit unit, String label) {
    static Options defaults() {
      return new Options(2.0, Unit.CHARACTERS, "none");
    }
  }

  /** What a line's length counts. */
  public enum Unit {
    CHARACTERS,
    WORDS
  }

  private final Options options;

  @Model
  final Block model = new SequentialBlock().add(Linear.builder().setUnits(1).build());

  private final Loss loss = Loss.l2Loss();

  private NDManager examples;

  ScaledLengths(Options options) {
    this.options = options;
  }

  @Preprocess
  NDList preprocess(String line) {
    synchronized (this) {
      if (examples == null) {
        examples = NDManager.newBaseManager();
      }
    }
    float length = options.unit() == Unit.WORDS ? line.split(" ").length : line.length();
    return new NDList(
        examples.create(new float[] {length}),
        examples.create(new float[] {(float) options.scale() * length}));
  }

  @Forward
  ForwardResult forward(NDList batch, ForwardContext context) {
    NDList output = context.forward(new NDList(batch.get(0)));
    return ForwardResult.of(output, loss.evaluate(new NDList(batch.get(1)), output));
  }

  @Metric(name = "scale")
  double scale(NDList batch, NDList output) {
    return options.scale();
  }

  @Metric(name = "counts_words")
  double countsWords(NDList batch, NDList output) {
    return options.unit() == Unit.WORDS ? 1 : 0;
  }
}
