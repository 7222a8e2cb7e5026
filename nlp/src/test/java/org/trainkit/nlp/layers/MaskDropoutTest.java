package org.trainkit.nlp.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The dropout's distribution, scaling, gradient, evaluation identity and seeding. */
class MaskDropoutTest {

  @Test
  void keepsOneMinusRateScaledAndPassesTheGradientThroughTheKeptValuesOnly() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      NDArray x = manager.ones(new Shape(200, 500));
      x.setRequiresGradient(true);
      float[] y;
      float[] gradient;
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        NDArray out = MaskDropout.apply(x, 0.3f, true);
        y = out.toFloatArray();
        c.backward(out.sum());
      }
      gradient = x.getGradient().toFloatArray();
      int kept = 0;
      for (int i = 0; i < y.length; i++) {
        assertTrue(y[i] == 0f || Math.abs(y[i] - 1 / 0.7f) < 1e-6, "value " + y[i]);
        assertEquals(y[i], gradient[i], 1e-6); // d(x·mask)/dx = mask
        kept += y[i] == 0f ? 0 : 1;
      }
      double share = kept / (double) y.length;
      // 100 000 draws: the standard deviation of the share is 0.0014
      assertEquals(0.7, share, 0.01);
    }
  }

  @Test
  void isTheIdentityOutsideTrainingAndRepeatsUnderTheSameSeed() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.randomNormal(new Shape(8, 9));
      assertSame(x, MaskDropout.apply(x, 0.5f, false));
      Engine.getInstance().setRandomSeed(11);
      float[] first = MaskDropout.apply(x, 0.5f, true).toFloatArray();
      Engine.getInstance().setRandomSeed(11);
      float[] second = MaskDropout.apply(x, 0.5f, true).toFloatArray();
      assertArrayEquals(first, second);
      assertThrows(IllegalArgumentException.class, () -> new MaskDropout(1f));
    }
  }
}
