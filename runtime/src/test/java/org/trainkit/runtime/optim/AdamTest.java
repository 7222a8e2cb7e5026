package org.trainkit.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trainkit.runtime.optim.OptimTestSupport.B;
import static org.trainkit.runtime.optim.OptimTestSupport.C;
import static org.trainkit.runtime.optim.OptimTestSupport.W0;
import static org.trainkit.runtime.optim.OptimTestSupport.adamReference;
import static org.trainkit.runtime.optim.OptimTestSupport.assertClose;
import static org.trainkit.runtime.optim.OptimTestSupport.backward;
import static org.trainkit.runtime.optim.OptimTestSupport.parameter;
import static org.trainkit.runtime.optim.OptimTestSupport.trainStep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.optim.StatefulOptimizer.ParameterGradient;

class AdamTest {

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private float[] run(Adam adam, float[] lrs, float scale) {
    Map<String, NDArray> params = Map.of("w", parameter(manager, W0, new Shape(3)));
    for (float lr : lrs) {
      trainStep(adam, params, lr, scale);
    }
    assertEquals(lrs.length, adam.updates());
    return params.get("w").toFloatArray();
  }

  @Test
  void firstStepMovesEachWeightByTheLearningRateAgainstItsGradient() {
    // grad = c*w + b = (0.6, -2.3, 1.2); after one step m̂ = g and v̂ = g², so the update is
    // lr * g / (|g| + eps) = lr * sign(g).
    float[] w = run(Adam.adam(0.9f, 0.999f, 1e-8f, 0f), new float[] {0.01f}, 1f);
    assertArrayEquals(new float[] {0.49f, -0.99f, 1.99f}, w, 1e-6f);
  }

  @Test
  void adamMatchesPyTorchOverThreeSteps() {
    float[] lrs = {0.1f, 0.05f, 0.02f};
    // A large epsilon makes its placement (inside or outside the bias correction) visible.
    float[] w = run(Adam.adam(0.8f, 0.95f, 0.1f, 0.05f), lrs, 0.5f);
    double[] expected = adamReference(W0, lrs, 0.5, 0.8, 0.95, 0.1, 0.05, false);
    assertClose(expected, w, 1e-5);
  }

  @Test
  void adamWMatchesPyTorchOverThreeSteps() {
    float[] lrs = {0.1f, 0.05f, 0.02f};
    float[] w = run(Adam.adamW(0.8f, 0.95f, 0.1f, 0.5f), lrs, 0.5f);
    double[] expected = adamReference(W0, lrs, 0.5, 0.8, 0.95, 0.1, 0.5, true);
    assertClose(expected, w, 1e-5);
    // The check can tell AdamW from Adam with L2 decay.
    double[] coupled = adamReference(W0, lrs, 0.5, 0.8, 0.95, 0.1, 0.5, false);
    assertTrue(OptimTestSupport.maxDifference(expected, coupled) > 1e-3);
  }

  @Test
  void defaultHyperParametersMatchPyTorchOverThreeSteps() {
    float[] lrs = {0.01f, 0.01f, 0.01f};
    float[] w = run(Adam.adam(0.9f, 0.999f, 1e-8f, 0f), lrs, 1f);
    assertClose(adamReference(W0, lrs, 1, 0.9, 0.999, 1e-8, 0, false), w, 1e-5);
  }

  @Test
  void stepZeroesTheGradient() {
    NDArray w = parameter(manager, W0, new Shape(3));
    trainStep(Adam.adam(0.9f, 0.999f, 1e-8f, 0f), Map.of("w", w), 0.01f, 1f);
    assertArrayEquals(new float[3], w.getGradient().toFloatArray());
  }

  @Test
  void stateIsKeyedByNameNotByPosition() {
    float[] lrs = {0.1f, 0.05f, 0.02f};
    float[][] inOrder = twoParameters(lrs, false);
    float[][] swapped = twoParameters(lrs, true);
    assertArrayEquals(inOrder[0], swapped[0]);
    assertArrayEquals(inOrder[1], swapped[1]);
    // Each parameter follows its own reference (its own moments).
    assertClose(adamReference(W0, lrs, 1, 0.9, 0.999, 1e-3, 0, false), inOrder[0], 1e-5);
    float[] other = {1f, 2f, -3f, 0.25f, 0.5f, 0.75f};
    assertClose(adamReference(other, lrs, 1, 0.9, 0.999, 1e-3, 0, false), inOrder[1], 1e-5);
  }

  private float[][] twoParameters(float[] lrs, boolean swapAfterFirstStep) {
    Adam adam = Adam.adam(0.9f, 0.999f, 1e-3f, 0f);
    NDArray a = parameter(manager, W0, new Shape(3));
    NDArray b = parameter(manager, new float[] {1f, 2f, -3f, 0.25f, 0.5f, 0.75f}, new Shape(2, 3));
    for (int i = 0; i < lrs.length; i++) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      if (swapAfterFirstStep && i > 0) {
        params.put("b", b);
        params.put("a", a);
      } else {
        params.put("a", a);
        params.put("b", b);
      }
      trainStep(adam, params, lrs[i], 1f);
    }
    return new float[][] {a.toFloatArray(), b.toFloatArray()};
  }

  @Test
  void stepsLeaveNoArraysBehind() {
    Adam adam = Adam.adam(0.9f, 0.999f, 1e-8f, 0.01f);
    NDArray w = parameter(manager, W0, new Shape(3));
    int[] counts = new int[5];
    for (int i = 0; i < counts.length; i++) {
      backward(w, C, B);
      // No surrounding scope: whatever the optimizer forgets to close stays in the manager.
      try (NDArray gradient = w.getGradient()) {
        adam.step(List.of(new ParameterGradient("w", w, gradient)), 0.01f, 0.5f);
      }
      counts[i] = manager.getManagedArrays().size();
    }
    // The first step creates the two moments; after that the count stays put.
    int[] flat = new int[counts.length];
    Arrays.fill(flat, counts[0]);
    assertArrayEquals(flat, counts);
  }
}
