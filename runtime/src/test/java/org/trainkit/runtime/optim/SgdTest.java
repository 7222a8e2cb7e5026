package org.trainkit.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trainkit.runtime.optim.OptimTestSupport.B;
import static org.trainkit.runtime.optim.OptimTestSupport.C;
import static org.trainkit.runtime.optim.OptimTestSupport.W0;
import static org.trainkit.runtime.optim.OptimTestSupport.assertClose;
import static org.trainkit.runtime.optim.OptimTestSupport.backward;
import static org.trainkit.runtime.optim.OptimTestSupport.parameter;
import static org.trainkit.runtime.optim.OptimTestSupport.sgdReference;
import static org.trainkit.runtime.optim.OptimTestSupport.trainStep;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.optim.StatefulOptimizer.ParameterGradient;

class SgdTest {

  private static final float[] LRS = {0.1f, 0.05f, 0.2f};

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private float[] run(Sgd sgd, float[] lrs, float scale) {
    Map<String, NDArray> params = Map.of("w", parameter(manager, W0, new Shape(3)));
    for (float lr : lrs) {
      trainStep(sgd, params, lr, scale);
    }
    assertEquals(lrs.length, sgd.updates());
    return params.get("w").toFloatArray();
  }

  @Test
  void plainStepByHand() {
    // grad = c*w + b = (0.6, -2.3, 1.2); w - 0.1 * grad
    float[] w = run(new Sgd(0f, false, 0f), new float[] {0.1f}, 1f);
    assertArrayEquals(new float[] {0.44f, -0.77f, 1.88f}, w, 1e-6f);
  }

  @Test
  void momentumByHandForTwoSteps() {
    // step 1: buf = g1 = (0.6, -2.3, 1.2); w1 = w0 - 0.1*buf = (0.44, -0.77, 1.88)
    // step 2: g2 = c*w1 + b = (0.54, -1.84, 1.14); buf = 0.9*buf + g2 = (1.08, -3.91, 2.22)
    //         w2 = w1 - 0.1*buf = (0.332, -0.379, 1.658)
    float[] w = run(new Sgd(0.9f, false, 0f), new float[] {0.1f, 0.1f}, 1f);
    assertArrayEquals(new float[] {0.332f, -0.379f, 1.658f}, w, 1e-6f);
  }

  @Test
  void plainMatchesPyTorch() {
    assertClose(sgdReference(W0, LRS, 1, 0, false, 0), run(new Sgd(0f, false, 0f), LRS, 1f), 1e-6);
  }

  @Test
  void weightDecayAndScaleMatchPyTorch() {
    float[] w = run(new Sgd(0f, false, 0.3f), LRS, 0.5f);
    assertClose(sgdReference(W0, LRS, 0.5, 0, false, 0.3), w, 1e-6);
  }

  @Test
  void momentumMatchesPyTorch() {
    float[] w = run(new Sgd(0.9f, false, 0f), LRS, 1f);
    assertClose(sgdReference(W0, LRS, 1, 0.9, false, 0), w, 1e-6);
  }

  @Test
  void momentumWithWeightDecayAndScaleMatchesPyTorch() {
    float[] w = run(new Sgd(0.8f, false, 0.3f), LRS, 0.5f);
    assertClose(sgdReference(W0, LRS, 0.5, 0.8, false, 0.3), w, 1e-6);
  }

  @Test
  void nesterovMatchesPyTorch() {
    float[] w = run(new Sgd(0.9f, true, 0f), LRS, 1f);
    double[] expected = sgdReference(W0, LRS, 1, 0.9, true, 0);
    assertClose(expected, w, 1e-6);
    // The check can tell Nesterov from plain momentum.
    double[] plain = sgdReference(W0, LRS, 1, 0.9, false, 0);
    assertTrue(OptimTestSupport.maxDifference(expected, plain) > 1e-2);
  }

  @Test
  void nesterovWithWeightDecayAndScaleMatchesPyTorch() {
    float[] w = run(new Sgd(0.9f, true, 0.3f), LRS, 0.25f);
    assertClose(sgdReference(W0, LRS, 0.25, 0.9, true, 0.3), w, 1e-6);
  }

  @Test
  void bufferDoesNotHoldTheLearningRate() {
    // With lr folded into the buffer (DJL's own Sgd) a change of lr would differ from this.
    float[] lrs = {1f, 0.01f, 0.01f};
    float[] w = run(new Sgd(0.9f, false, 0f), lrs, 1f);
    assertClose(sgdReference(W0, lrs, 1, 0.9, false, 0), w, 1e-6);
  }

  @Test
  void stepZeroesTheGradient() {
    for (Sgd sgd : List.of(new Sgd(0f, false, 0.1f), new Sgd(0.9f, true, 0.1f))) {
      NDArray w = parameter(manager, W0, new Shape(3));
      trainStep(sgd, Map.of("w", w), 0.1f, 0.5f);
      assertArrayEquals(new float[3], w.getGradient().toFloatArray());
    }
  }

  @Test
  void worksWhileAutogradIsOn() {
    // The trainer may step inside a collector; nothing may build a graph through the weight.
    Sgd sgd = new Sgd(0.9f, true, 0.3f);
    NDArray w = parameter(manager, W0, new Shape(3));
    for (float lr : LRS) {
      backward(w, C, B);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector();
          NDArray gradient = w.getGradient()) {
        sgd.step(List.of(new ParameterGradient("w", w, gradient)), lr, 1f);
      }
    }
    assertClose(sgdReference(W0, LRS, 1, 0.9, true, 0.3), w.toFloatArray(), 1e-6);
    // PyTorch refuses to switch autograd off on an array that came out of a graph: this fails
    // if the buffer was built from the weight with autograd on.
    assertDoesNotThrow(() -> sgd.state().peek("w")[0].setRequiresGradient(false));
    assertTrue(w.hasGradient(), "the weight stays a trainable leaf");
  }

  @Test
  void stepsLeaveNoArraysBehind() {
    Sgd sgd = new Sgd(0.9f, true, 0.1f);
    NDArray w = parameter(manager, W0, new Shape(3));
    int[] counts = new int[5];
    for (int i = 0; i < counts.length; i++) {
      backward(w, C, B);
      // No surrounding scope: whatever the optimizer forgets to close stays in the manager.
      try (NDArray gradient = w.getGradient()) {
        sgd.step(List.of(new ParameterGradient("w", w, gradient)), 0.01f, 0.5f);
      }
      counts[i] = manager.getManagedArrays().size();
    }
    int[] flat = new int[counts.length];
    Arrays.fill(flat, counts[0]);
    assertArrayEquals(flat, counts);
  }

  @Test
  void rejectsNesterovWithoutMomentum() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0f, true, 0f));
    assertEquals("Nesterov momentum needs momentum > 0", e.getMessage());
  }
}
