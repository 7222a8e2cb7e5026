package org.trainkit.runtime.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Adam, or AdamW with decoupled weight decay, with PyTorch's update rule:
 *
 * <pre>
 *   g = gradientScale * grad (+ weightDecay * w, Adam only)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g * g
 *   w = w - lr * weightDecay * w                                  (AdamW only)
 *   w = w - lr / (1 - beta1^t) * m / (sqrt(v / (1 - beta2^t)) + epsilon)
 * </pre>
 *
 * <p>Each parameter is updated by DJL's fused native kernel (the one DJL's own {@code Adam}
 * uses), which also zeroes the weight's gradient. The moments belong to this object, keyed by
 * parameter name, so {@link #save} and {@link #load} carry them across a checkpoint.
 *
 * <p>Call {@link #close()} to free the moments before the model is closed; otherwise they go
 * with the model's manager.
 */
public final class Adam implements StatefulOptimizer, AutoCloseable {

  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final float weightDecay;
  private final boolean decoupled;
  private final WeightDecayFilter decayed;
  private final OptimizerState state = new OptimizerState("mean", "variance");
  private long updates;

  /**
   * @param beta1 decay of the first moment, in [0, 1)
   * @param beta2 decay of the second moment, in [0, 1)
   * @param epsilon added to the denominator, > 0
   * @param weightDecay L2 penalty (Adam) or decoupled decay (AdamW), >= 0
   * @param decoupled true for AdamW
   */
  public Adam(float beta1, float beta2, float epsilon, float weightDecay, boolean decoupled) {
    this(beta1, beta2, epsilon, weightDecay, decoupled, WeightDecayFilter.ALL);
  }

  /**
   * As {@link #Adam(float, float, float, float, boolean)}, with weight decay only on the
   * parameters {@code decayed} accepts.
   */
  public Adam(float beta1, float beta2, float epsilon, float weightDecay, boolean decoupled,
      WeightDecayFilter decayed) {
    Checks.require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
    Checks.require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got " + beta2);
    Checks.require(epsilon > 0, "epsilon must be > 0, got " + epsilon);
    Checks.require(
        weightDecay >= 0 && Float.isFinite(weightDecay),
        "weightDecay must be >= 0, got " + weightDecay);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    this.decoupled = decoupled;
    this.decayed = decayed;
  }

  /** Adam with L2 weight decay added to the gradient. */
  public static Adam adam(float beta1, float beta2, float epsilon, float weightDecay) {
    return new Adam(beta1, beta2, epsilon, weightDecay, false);
  }

  /** AdamW: weight decay applied to the weight directly, scaled by the learning rate. */
  public static Adam adamW(float beta1, float beta2, float epsilon, float weightDecay) {
    return new Adam(beta1, beta2, epsilon, weightDecay, true);
  }

  /** True for AdamW. */
  public boolean decoupled() {
    return decoupled;
  }

  @Override
  public void step(List<ParameterGradient> parameters, float learningRate, float gradientScale) {
    long t = updates + 1;
    double coef1 = 1.0 - Math.pow(beta1, t);
    double coef2 = 1.0 - Math.pow(beta2, t);
    float lrBiasCorrection = (float) (learningRate * Math.sqrt(coef2) / coef1);
    // The kernel adds epsilon to sqrt(v), PyTorch adds it to sqrt(v / coef2): scaling epsilon
    // by sqrt(coef2) makes the two identical.
    float kernelEpsilon = (float) (epsilon * Math.sqrt(coef2));
    Checks.require(
        Float.isFinite(learningRate) && Float.isFinite(lrBiasCorrection),
        "learning rate is not finite: " + learningRate);
    Checks.require(Float.isFinite(gradientScale), "gradient scale is not finite: " + gradientScale);
    for (ParameterGradient p : parameters) {
      NDArray[] moments = state.get(p);
      NDArray weight = p.weight();
      weight
          .getNDArrayInternal()
          .adamUpdate(
              new NDList(weight, p.gradient(), moments[0], moments[1]),
              new NDList(weight),
              learningRate,
              lrBiasCorrection,
              decayed.decays(p.name()) ? weightDecay : 0f,
              gradientScale,
              -1f, // no clipping by value
              beta1,
              beta2,
              kernelEpsilon,
              true,
              decoupled);
    }
    updates = t;
  }

  @Override
  public long updates() {
    return updates;
  }

  private String kind() {
    return decoupled ? "adamw" : "adam";
  }

  private String[] hyperParameterNames() {
    return new String[] {"beta1", "beta2", "epsilon", "weightDecay"};
  }

  private float[] hyperParameters() {
    return new float[] {beta1, beta2, epsilon, weightDecay};
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    OptimizerState.writeHeader(out, kind(), updates);
    OptimizerState.writeHyperParameters(out, hyperParameterNames(), hyperParameters());
    state.save(out);
  }

  @Override
  public void load(DataInputStream in, List<ParameterGradient> parameters, NDManager manager)
      throws IOException {
    long saved = OptimizerState.readHeader(in, kind());
    OptimizerState.readHyperParameters(in, kind(), hyperParameterNames(), hyperParameters());
    state.load(in, parameters, manager);
    updates = saved;
  }

  /** Frees the moments. */
  @Override
  public void close() {
    state.close();
  }
}
