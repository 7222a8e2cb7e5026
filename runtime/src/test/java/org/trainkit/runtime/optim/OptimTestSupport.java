package org.trainkit.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.trainkit.runtime.optim.StatefulOptimizer.ParameterGradient;

/**
 * Tiny real parameters with real gradients, and PyTorch's optimizer algorithms written out in
 * plain doubles to check against.
 *
 * <p>Every test loss is {@code sum(c * w * w / 2 + b * w)}, so the gradient is {@code c * w +
 * b}: it changes as the weights move, which the reference recomputes in doubles.
 */
final class OptimTestSupport {

  static final float[] C = {1f, 2f, 0.5f};
  static final float[] B = {0.1f, -0.3f, 0.2f};
  static final float[] W0 = {0.5f, -1f, 2f};

  private OptimTestSupport() {}

  /** A weight that autograd tracks, like a model parameter. */
  static NDArray parameter(NDManager manager, float[] values, Shape shape) {
    NDArray weight = manager.create(values, shape);
    weight.setRequiresGradient(true);
    return weight;
  }

  /** Adds the gradient of {@code sum(c * w * w / 2 + b * w)} to the weight's gradient. */
  static void backward(NDArray weight, float[] c, float[] b) {
    backward(weight, c, b, 1f);
  }

  /** Adds the gradient of {@code factor * sum(c * w * w / 2 + b * w)}. */
  static void backward(NDArray weight, float[] c, float[] b, float factor) {
    NDManager manager = weight.getManager();
    try (GradientCollector collector = Engine.getInstance().newGradientCollector();
        NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray cs = manager.create(tile(c, weight.size()), weight.getShape());
      NDArray bs = manager.create(tile(b, weight.size()), weight.getShape());
      NDArray loss = weight.mul(weight).mul(cs).mul(0.5f).add(weight.mul(bs)).sum().mul(factor);
      collector.backward(loss);
    }
  }

  /**
   * One training step as the trainer runs it: backward for every parameter, then the optimizer,
   * all inside a step scope that closes what the step created.
   */
  static void trainStep(
      StatefulOptimizer optimizer, Map<String, NDArray> parameters, float lr, float scale) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (NDArray weight : parameters.values()) {
        backward(weight, C, B);
      }
      optimizer.step(gradients(parameters), lr, scale);
    }
  }

  /** The values repeated to the given length (so C and B fit any weight's shape). */
  static float[] tile(float[] values, long size) {
    float[] tiled = new float[Math.toIntExact(size)];
    for (int i = 0; i < tiled.length; i++) {
      tiled[i] = values[i % values.length];
    }
    return tiled;
  }

  static List<ParameterGradient> gradients(Map<String, NDArray> parameters) {
    List<ParameterGradient> list = new ArrayList<>();
    parameters.forEach((name, w) -> list.add(new ParameterGradient(name, w, w.getGradient())));
    return list;
  }

  static double[] gradient(double[] w) {
    double[] g = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      g[i] = C[i % C.length] * w[i] + B[i % B.length];
    }
    return g;
  }

  static double[] toDoubles(float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = values[i];
    }
    return d;
  }

  /** torch.optim.Adam / AdamW (amsgrad off), with the gradient first multiplied by scale. */
  static double[] adamReference(
      float[] w0,
      float[] lrs,
      double scale,
      double beta1,
      double beta2,
      double eps,
      double wd,
      boolean adamw) {
    double[] w = toDoubles(w0);
    double[] m = new double[w.length];
    double[] v = new double[w.length];
    for (int t = 1; t <= lrs.length; t++) {
      double lr = lrs[t - 1];
      double[] g = gradient(w);
      double bc1 = 1 - Math.pow(beta1, t);
      double bc2 = 1 - Math.pow(beta2, t);
      for (int i = 0; i < w.length; i++) {
        double gi = g[i] * scale;
        if (adamw) {
          w[i] *= 1 - lr * wd;
        } else {
          gi += wd * w[i];
        }
        m[i] = beta1 * m[i] + (1 - beta1) * gi;
        v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
        double denom = Math.sqrt(v[i]) / Math.sqrt(bc2) + eps;
        w[i] -= lr / bc1 * m[i] / denom;
      }
    }
    return w;
  }

  /** torch.optim.SGD (dampening 0), with the gradient first multiplied by scale. */
  static double[] sgdReference(
      float[] w0, float[] lrs, double scale, double momentum, boolean nesterov, double wd) {
    double[] w = toDoubles(w0);
    double[] buf = null;
    for (float lr : lrs) {
      double[] g = gradient(w);
      double[] d = new double[w.length];
      for (int i = 0; i < w.length; i++) {
        d[i] = g[i] * scale + wd * w[i];
      }
      if (momentum != 0) {
        if (buf == null) {
          buf = d.clone();
        } else {
          for (int i = 0; i < w.length; i++) {
            buf[i] = momentum * buf[i] + d[i];
          }
        }
        for (int i = 0; i < w.length; i++) {
          d[i] = nesterov ? d[i] + momentum * buf[i] : buf[i];
        }
      }
      for (int i = 0; i < w.length; i++) {
        w[i] -= lr * d[i];
      }
    }
    return w;
  }

  /** Element-wise, to a relative tolerance fit for float32 against float64. */
  static void assertClose(double[] expected, float[] actual, double tolerance) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          expected[i],
          actual[i],
          tolerance * Math.max(1, Math.abs(expected[i])),
          "element " + i);
    }
  }

  static double maxDifference(double[] a, double[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
