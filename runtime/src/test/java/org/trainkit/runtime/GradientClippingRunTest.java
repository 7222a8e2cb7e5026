package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.OptimizerType;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.testing.ForwardingComponent;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;

/**
 * {@code gradientClipNorm} changes a real run as PyTorch's {@code clip_grad_norm_} does. With
 * plain SGD (no momentum, no weight decay) one step moves the parameters by exactly {@code lr *
 * gradient}, so {@code (before - after) / lr} is the gradient the optimizer applied: with a bound
 * below the raw gradient's global norm it is the raw gradient scaled to that norm; with a bound
 * above it, the raw gradient itself, bit for bit.
 */
class GradientClippingRunTest {

  private static final List<Point> TRAIN = Points.generate(48, 6, 3, 13, 1);
  private static final double LEARNING_RATE = 0.5;

  @TempDir Path dir;

  @Test
  void theAppliedUpdateHasTheClippedGlobalNormAndTheRawDirection() throws Exception {
    OneStep raw = oneStep(0, "raw");
    double rawNorm = norm(raw.update());
    assertTrue(rawNorm > 0.05, "a gradient worth clipping: " + rawNorm);

    double bound = rawNorm / 4;
    OneStep clipped = oneStep(bound, "clipped");
    assertArrayEquals(raw.before(), clipped.before(), "both runs start from the same parameters");
    assertEquals(bound, norm(clipped.update()), bound * 1e-4, "the applied update's global norm");
    double factor = bound / rawNorm;
    for (int i = 0; i < raw.update().length; i++) {
      assertEquals(raw.update()[i] * factor, clipped.update()[i], 1e-5, "same direction, element " + i);
    }

    OneStep loose = oneStep(rawNorm * 4, "loose");
    assertArrayEquals(raw.after(), loose.after(), "a bound above the norm leaves the step as it was");
  }

  /** The parameters before and after the first step, and the update that step applied. */
  private record OneStep(float[] before, float[] after, double[] update) {}

  private OneStep oneStep(double clipNorm, String name) {
    TrainerConfig config = TrainerConfig.builder()
        .trainingType(TrainingType.STEP).iterations(1).evalFrequency(1).saveFrequency(1)
        .batchSize(16).optimizer(OptimizerType.SGD).momentum(0).weightDecay(0)
        .learningRate(LEARNING_RATE).gradientClipNorm(clipNorm).monitor("train_loss")
        .loaderWorkers(0).device("cpu").progressBar(false).build();
    PointClassifier classifier = new PointClassifier(8, 3, 0f);
    List<float[]> before = new ArrayList<>();
    List<float[]> after = new ArrayList<>();
    // The forward pass runs once the parameters exist and before the step changes them.
    ForwardingComponent<Point, Point, PointBatch> watched = new ForwardingComponent<>(classifier) {
      @Override
      public ForwardResult forward(PointBatch batch, ForwardContext context) {
        ForwardResult result = super.forward(batch, context);
        if (context.isTraining()) {
          before.add(parameters(classifier));
        }
        return result;
      }
    };
    TrainerCallback afterStep = new TrainerCallback() {
      @Override
      public void onStepEnd(TrainerState state, double loss) {
        after.add(parameters(classifier));
      }
    };
    try (Trainer<Point, Point, PointBatch> trainer = new Trainer<>(watched, config, List.of(afterStep))) {
      trainer.train(TRAIN, List.of(), List.of(), dir.resolve(name), false);
    }
    assertEquals(1, before.size());
    assertEquals(1, after.size());
    float[] b = before.get(0);
    float[] a = after.get(0);
    double[] update = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      update[i] = ((double) b[i] - a[i]) / LEARNING_RATE;
    }
    return new OneStep(b, a, update);
  }

  /** Every parameter of the model, flattened in the block's order. */
  private static float[] parameters(PointClassifier classifier) {
    List<float[]> arrays = new ArrayList<>();
    int size = 0;
    for (Pair<String, Parameter> p : classifier.model().getParameters()) {
      float[] values = p.getValue().getArray().toFloatArray();
      arrays.add(values);
      size += values.length;
    }
    float[] all = new float[size];
    int offset = 0;
    for (float[] values : arrays) {
      System.arraycopy(values, 0, all, offset, values.length);
      offset += values.length;
    }
    return all;
  }

  private static double norm(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }
}
