package org.trainkit.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.optim.Adam;
import org.trainkit.runtime.optim.StatefulOptimizer.ParameterGradient;

/**
 * The gradient handles {@code ModelRunner} keeps across steps see every step's gradient: each
 * step's kept values equal a fresh {@code getGradient()}, and loading parameters drops them.
 */
class ModelRunnerGradientsTest {

  @Test
  void keptHandlesSeeEveryStepsGradientAndAreDroppedOnLoad() throws Exception {
    SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(3).build())
        .add(Linear.builder().setUnits(2).build());
    try (ModelRunner model = new ModelRunner(block, Device.cpu(), 7);
        Adam adam = Adam.adam(0.9f, 0.999f, 1e-8f, 0f)) {
      NDManager manager = model.manager();
      List<ParameterGradient> kept = null;
      for (int step = 0; step < 3; step++) {
        try (NDScope scope = new NDScope();
            NDManager batch = manager.newSubManager()) {
          scope.suppressNotUsedWarning();
          NDArray x = batch.create(new float[] {1f, 2f + step, -1f, 0.5f * step}, new ai.djl.ndarray.types.Shape(2, 2));
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList out = model.forward(new NDList(x), true);
            collector.backward(out.singletonOrThrow().square().sum());
          }
          List<ParameterGradient> gradients = model.gradients();
          if (kept == null) {
            kept = gradients;
          } else {
            assertSame(kept, gradients, "kept after the first step");
          }
          for (ParameterGradient g : gradients) {
            assertArrayEquals(g.weight().getGradient().toFloatArray(), g.gradient().toFloatArray(),
                g.name() + " at step " + step);
          }
          adam.step(gradients, 0.1f, 1f); // zeroes the gradients in place
          for (ParameterGradient g : gradients) {
            assertArrayEquals(new float[(int) g.gradient().size()], g.gradient().toFloatArray(),
                g.name() + " zeroed by the update");
          }
        }
      }
      ByteArrayOutputStream saved = new ByteArrayOutputStream();
      model.saveParameters(new DataOutputStream(saved));
      model.loadParameters(new DataInputStream(new ByteArrayInputStream(saved.toByteArray())), "test");
      try (NDScope scope = new NDScope();
          NDManager batch = manager.newSubManager()) {
        scope.suppressNotUsedWarning();
        NDArray x = batch.create(new float[] {3f, -2f}, new ai.djl.ndarray.types.Shape(1, 2));
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          collector.backward(model.forward(new NDList(x), true).singletonOrThrow().sum());
        }
        List<ParameterGradient> afterLoad = model.gradients();
        assertNotSame(kept, afterLoad, "loading replaces the parameters: new handles");
        for (ParameterGradient g : afterLoad) {
          assertSame(block.getParameters().get(g.name()).getArray(), g.weight());
          assertArrayEquals(g.weight().getGradient().toFloatArray(), g.gradient().toFloatArray(), g.name());
        }
      }
    }
  }
}
