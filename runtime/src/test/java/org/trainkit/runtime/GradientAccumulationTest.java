package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.OptimizerType;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.testing.TokenWeightedClassifier;
import org.trainkit.runtime.train.Trainer;

/**
 * k accumulated micro-batches make the same update as one batch holding all their examples, also
 * when the last micro-batch is short, whether the loss is a mean over examples or over tokens
 * (the loop weights each micro-batch's loss by its {@link ForwardResult#weight weight}).
 */
class GradientAccumulationTest {

  @TempDir Path dir;

  @Test
  void fourBatchesOfEightEqualOneBatchOfThirtyTwo() {
    List<Point> data = Points.generate(32, 5, 3, 3, 1);
    TrainerConfig base = TrainerConfig.builder()
        .iterations(1).shuffle(false).optimizer(OptimizerType.SGD).momentum(0).learningRate(0.1)
        .loaderWorkers(0).device("cpu").progressBar(false).build();

    float[] accumulated = trainOnce(base.toBuilder().batchSize(8).gradientAccumulation(4).build(), data, "a");
    float[] whole = trainOnce(base.toBuilder().batchSize(32).gradientAccumulation(1).build(), data, "b");

    assertEquals(whole.length, accumulated.length);
    for (int i = 0; i < whole.length; i++) {
      assertEquals(whole[i], accumulated[i], 1e-5, "parameter value " + i);
    }
  }

  @Test
  void aShortLastMicroBatchCountsByItsExamples() {
    // 30 points in micro-batches of 8, 8, 8 and 6: a mean of the four batch means would give the
    // last six points the weight of eight
    List<Point> data = Points.generate(30, 5, 3, 3, 1);
    TrainerConfig base = sgd(0.5);

    float[] accumulated = trainOnce(
        new PointClassifier(8, 3, 0), base.toBuilder().batchSize(8).gradientAccumulation(4).build(), data, "e");
    float[] whole = trainOnce(
        new PointClassifier(8, 3, 0), base.toBuilder().batchSize(30).build(), data, "f");

    assertClose(whole, accumulated);
  }

  @Test
  void aLossMeanOverTokensCountsByItsTokens() {
    // the batches hold different numbers of tokens, so weighting by examples would be wrong too
    List<Point> data = Points.generate(30, 5, 3, 3, 1);
    TrainerConfig base = sgd(0.5);

    float[] accumulated = trainOnce(new TokenWeightedClassifier(8, 3, true),
        base.toBuilder().batchSize(8).gradientAccumulation(4).build(), data, "g");
    float[] whole = trainOnce(new TokenWeightedClassifier(8, 3, true),
        base.toBuilder().batchSize(30).build(), data, "h");

    assertClose(whole, accumulated);
  }

  @Test
  void aTokenMeanLossWithoutItsWeightIsWeightedWrong() {
    // the test above would pass trivially if the weight made no difference; this one shows it does
    List<Point> data = Points.generate(30, 5, 3, 3, 1);
    TrainerConfig base = sgd(0.5);

    float[] accumulated = trainOnce(new TokenWeightedClassifier(8, 3, false),
        base.toBuilder().batchSize(8).gradientAccumulation(4).build(), data, "i");
    float[] whole = trainOnce(new TokenWeightedClassifier(8, 3, false),
        base.toBuilder().batchSize(30).build(), data, "j");

    double difference = 0;
    for (int i = 0; i < whole.length; i++) {
      difference += Math.abs(whole[i] - accumulated[i]);
    }
    assertTrue(difference > 1e-3, "difference " + difference);
  }

  @Test
  void theEvaluationLossIsWeightedToo() {
    // in batches of 7 with different token counts, the dev loss must still be the mean over all
    // tokens: the same as in one batch
    List<Point> data = Points.generate(30, 5, 3, 3, 1);
    TrainerConfig config = sgd(0.5);
    double small = evaluate(config.toBuilder().inferenceBatchSize(7).build(), data);
    double large = evaluate(config.toBuilder().inferenceBatchSize(30).build(), data);
    assertEquals(large, small, 1e-6);
  }

  private static double evaluate(TrainerConfig config, List<Point> data) {
    try (Trainer<Point, Point, TokenWeightedClassifier.TokenBatch> trainer =
        new Trainer<>(new TokenWeightedClassifier(8, 3, true), config, List.of())) {
      return trainer.evaluate(data).get("loss");
    }
  }

  private static TrainerConfig sgd(double learningRate) {
    return TrainerConfig.builder()
        .iterations(1).shuffle(false).optimizer(OptimizerType.SGD).momentum(0)
        .learningRate(learningRate).loaderWorkers(0).device("cpu").progressBar(false).build();
  }

  private static void assertClose(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5, "parameter value " + i);
    }
  }

  @Test
  void accumulationDiffersFromSeparateSteps() {
    List<Point> data = Points.generate(32, 5, 3, 3, 1);
    TrainerConfig base = TrainerConfig.builder()
        .iterations(1).shuffle(false).optimizer(OptimizerType.SGD).momentum(0).learningRate(0.5)
        .loaderWorkers(0).device("cpu").progressBar(false).batchSize(8).build();
    float[] accumulated = trainOnce(base.toBuilder().gradientAccumulation(4).build(), data, "c");
    float[] separate = trainOnce(base, data, "d");
    double difference = 0;
    for (int i = 0; i < separate.length; i++) {
      difference += Math.abs(separate[i] - accumulated[i]);
    }
    // the test above would pass trivially if accumulation were ignored; this one would not
    assertEquals(true, difference > 1e-3, "difference " + difference);
  }

  private float[] trainOnce(TrainerConfig config, List<Point> data, String name) {
    return trainOnce(new PointClassifier(8, 3, 0), config, data, name);
  }

  private <B> float[] trainOnce(
      TrainableComponent<Point, Point, B> component, TrainerConfig config, List<Point> data, String name) {
    try (Trainer<Point, Point, B> trainer = new Trainer<>(component, config, List.of())) {
      trainer.train(data, List.of(), List.of(), dir.resolve(name), false);
      List<Float> values = new ArrayList<>();
      for (Pair<String, Parameter> p : trainer.component().model().getParameters()) {
        NDArray array = p.getValue().getArray();
        for (float v : array.toFloatArray()) {
          values.add(v);
        }
      }
      float[] out = new float[values.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = values.get(i);
      }
      return out;
    }
  }
}
