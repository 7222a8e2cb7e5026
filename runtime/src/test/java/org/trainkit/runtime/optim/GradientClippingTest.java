package org.trainkit.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trainkit.runtime.optim.OptimTestSupport.B;
import static org.trainkit.runtime.optim.OptimTestSupport.C;
import static org.trainkit.runtime.optim.OptimTestSupport.W0;
import static org.trainkit.runtime.optim.OptimTestSupport.backward;
import static org.trainkit.runtime.optim.OptimTestSupport.parameter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.optim.StatefulOptimizer.ParameterGradient;

class GradientClippingTest {

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void globalNormSpansAllArrays() {
    NDArray a = manager.create(new float[] {3f, 4f});
    NDArray b = manager.create(new float[] {12f});
    assertEquals(13f, GradientClipping.globalNorm(List.of(a, b)), 1e-6f);
    NDArray matrix = manager.create(new float[] {1f, 2f, 2f, 4f}, new Shape(2, 2));
    assertEquals(5f, GradientClipping.globalNorm(List.of(matrix)), 1e-6f);
    assertEquals(0f, GradientClipping.globalNorm(List.of()));
  }

  @Test
  void scalingByClipScaleBringsTheNormToTheBound() {
    NDArray a = manager.create(new float[] {3f, 4f});
    NDArray b = manager.create(new float[] {12f});
    float scale = GradientClipping.clipScale(GradientClipping.globalNorm(List.of(a, b)), 1.0);
    assertEquals(1f / 13f, scale, 1e-7f);
    float clipped = GradientClipping.globalNorm(List.of(a.mul(scale), b.mul(scale)));
    assertEquals(1f, clipped, 1e-5f);
  }

  @Test
  void clipScaleLeavesSmallGradientsAlone() {
    assertEquals(1f, GradientClipping.clipScale(0.5f, 1.0));
    assertEquals(1f, GradientClipping.clipScale(0f, 1.0));
    assertEquals(0.5f, GradientClipping.clipScale(4f, 2.0), 1e-6f);
    assertEquals(1f, GradientClipping.clipScale(1000f, 0), "0 disables clipping");
    assertTrue(Float.isNaN(GradientClipping.clipScale(Float.NaN, 1.0)));
    assertTrue(Float.isNaN(GradientClipping.clipScale(Float.POSITIVE_INFINITY, 1.0)));
  }

  @Test
  void clippedSgdStepHasTheBoundedLength() {
    // grad = (0.6, -2.3, 1.2), norm 2.6627; with lr 1 the step is the clipped gradient.
    NDArray w = parameter(manager, W0, new Shape(3));
    backward(w, C, B);
    NDArray gradient = w.getGradient();
    float norm = GradientClipping.globalNorm(List.of(gradient));
    assertEquals(Math.sqrt(0.36 + 5.29 + 1.44), norm, 1e-5);
    float scale = GradientClipping.clipScale(norm, 0.5);
    new Sgd(0f, false, 0f).step(List.of(new ParameterGradient("w", w, gradient)), 1f, scale);
    float[] after = w.toFloatArray();
    double moved = 0;
    for (int i = 0; i < 3; i++) {
      moved += (after[i] - W0[i]) * (after[i] - W0[i]);
    }
    assertEquals(0.5, Math.sqrt(moved), 1e-5);
  }

  @Test
  void gradientScaleOneOverKEqualsAveraging() {
    assertScaleEqualsAveraging(() -> new Sgd(0.9f, true, 0.1f));
    // Plain Adam ignores a constant gradient scale; L2 decay added to the gradient does not.
    assertScaleEqualsAveraging(() -> Adam.adam(0.9f, 0.999f, 1e-8f, 0.5f));
  }

  /** k = 3 backward passes then one step with scale 1/3 == one step on the mean loss. */
  private void assertScaleEqualsAveraging(Supplier<StatefulOptimizer> factory) {
    float[][] cs = {{1f, 2f, 0.5f}, {0.5f, 0.25f, 1f}, {2f, 1f, 3f}};
    float[][] bs = {{0.1f, -0.3f, 0.2f}, {-1f, 0.5f, 0f}, {0.3f, 0.3f, -0.6f}};
    NDArray accumulated = parameter(manager, W0, new Shape(3));
    NDArray averaged = parameter(manager, W0, new Shape(3));
    StatefulOptimizer accumulating = factory.get();
    StatefulOptimizer averaging = factory.get();
    for (int step = 0; step < 3; step++) {
      for (int k = 0; k < 3; k++) {
        backward(accumulated, cs[k], bs[k]);
        backward(averaged, cs[k], bs[k], 1f / 3f);
      }
      try (NDArray g1 = accumulated.getGradient();
          NDArray g2 = averaged.getGradient()) {
        accumulating.step(List.of(new ParameterGradient("w", accumulated, g1)), 0.1f, 1f / 3f);
        averaging.step(List.of(new ParameterGradient("w", averaged, g2)), 0.1f, 1f);
      }
    }
    assertArrayEquals(averaged.toFloatArray(), accumulated.toFloatArray(), 1e-6f);
    // The scale matters: without it the trajectory differs.
    NDArray unscaled = parameter(manager, W0, new Shape(3));
    StatefulOptimizer plain = factory.get();
    for (int step = 0; step < 3; step++) {
      for (int k = 0; k < 3; k++) {
        backward(unscaled, cs[k], bs[k]);
      }
      try (NDArray g = unscaled.getGradient()) {
        plain.step(List.of(new ParameterGradient("w", unscaled, g)), 0.1f, 1f);
      }
    }
    float[] u = unscaled.toFloatArray();
    float[] a = averaged.toFloatArray();
    double diff = 0;
    for (int i = 0; i < 3; i++) {
      diff = Math.max(diff, Math.abs(u[i] - a[i]));
    }
    assertTrue(diff > 1e-3, "scale 1 should differ from averaging, diff " + diff);
  }
}
