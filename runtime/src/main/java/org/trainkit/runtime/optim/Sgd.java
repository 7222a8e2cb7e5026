package org.trainkit.runtime.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Stochastic gradient descent with PyTorch's semantics (dampening 0):
 *
 * <pre>
 *   d = gradientScale * grad + weightDecay * w
 *   buf = momentum * buf + d                      (buf starts at 0)
 *   update = nesterov ? d + momentum * buf : buf  (d when momentum is 0)
 *   w = w - lr * update
 * </pre>
 *
 * <p>The buffer does not include the learning rate (DJL's own {@code Sgd} folds it in), so a
 * schedule changes the step size, not the accumulated velocity. The final subtraction runs in
 * DJL's native kernel, which works with autograd off and zeroes the weight's gradient.
 *
 * <p>Call {@link #close()} to free the buffers before the model is closed; otherwise they go
 * with the model's manager.
 */
public final class Sgd implements StatefulOptimizer, AutoCloseable {

  private static final String KIND = "sgd";

  private final float momentum;
  private final boolean nesterov;
  private final float weightDecay;
  private final WeightDecayFilter decayed;
  private final OptimizerState state = new OptimizerState("momentum");
  private long updates;

  /**
   * @param momentum momentum factor, in [0, 1); 0 keeps no state
   * @param nesterov Nesterov momentum; needs momentum > 0
   * @param weightDecay L2 penalty added to the gradient, >= 0
   */
  public Sgd(float momentum, boolean nesterov, float weightDecay) {
    this(momentum, nesterov, weightDecay, WeightDecayFilter.ALL);
  }

  /** As {@link #Sgd(float, boolean, float)}, with weight decay only where {@code decayed} says. */
  public Sgd(float momentum, boolean nesterov, float weightDecay, WeightDecayFilter decayed) {
    Checks.require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
    Checks.require(!nesterov || momentum > 0, "Nesterov momentum needs momentum > 0");
    Checks.require(
        weightDecay >= 0 && Float.isFinite(weightDecay),
        "weightDecay must be >= 0, got " + weightDecay);
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
    this.decayed = decayed;
  }

  @Override
  public void step(List<ParameterGradient> parameters, float learningRate, float gradientScale) {
    Checks.require(Float.isFinite(learningRate), "learning rate is not finite: " + learningRate);
    Checks.require(Float.isFinite(gradientScale), "gradient scale is not finite: " + gradientScale);
    for (ParameterGradient p : parameters) {
      NDArray weight = p.weight();
      NDArray grad = p.gradient();
      float decay = decayed.decays(p.name()) ? weightDecay : 0f;
      if (momentum == 0f) {
        // Without a buffer the fused kernel is exactly w -= lr * (scale * g + wd * w).
        weight
            .getNDArrayInternal()
            .sgdUpdate(
                new NDList(weight, grad),
                new NDList(weight),
                learningRate,
                decay,
                gradientScale,
                -1f,
                0f,
                false);
        continue;
      }
      NDArray buffer = state.get(p)[0]; // created outside the scope below, which closes temporaries
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray d = grad;
        if (gradientScale != 1f) {
          d = grad.mul(gradientScale);
        }
        if (decay != 0f) {
          // stopGradient: autograd may be on, and a graph through the weight must not reach
          // the buffer.
          NDArray decayTerm = weight.stopGradient().mul(decay);
          d = d == grad ? grad.add(decayTerm) : d.addi(decayTerm);
        }
        buffer.muli(momentum).addi(d);
        NDArray update = buffer;
        if (nesterov) {
          // d is ours to change unless it is the gradient itself.
          NDArray ahead = buffer.mul(momentum);
          update = d == grad ? grad.add(ahead) : d.addi(ahead);
        }
        weight
            .getNDArrayInternal()
            .sgdUpdate(
                new NDList(weight, update), new NDList(weight), learningRate, 0f, 1f, -1f, 0f,
                false);
      }
    }
    updates++;
  }

  @Override
  public long updates() {
    return updates;
  }

  private static String[] hyperParameterNames() {
    return new String[] {"momentum", "nesterov", "weightDecay"};
  }

  private float[] hyperParameters() {
    return new float[] {momentum, nesterov ? 1f : 0f, weightDecay};
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    OptimizerState.writeHeader(out, KIND, updates);
    OptimizerState.writeHyperParameters(out, hyperParameterNames(), hyperParameters());
    state.save(out);
  }

  @Override
  public void load(DataInputStream in, List<ParameterGradient> parameters, NDManager manager)
      throws IOException {
    long saved = OptimizerState.readHeader(in, KIND);
    OptimizerState.readHyperParameters(in, KIND, hyperParameterNames(), hyperParameters());
    if (momentum == 0f) {
      // Without momentum there is nothing to restore, but a checkpoint with buffers would
      // silently lose them.
      OptimizerState none = new OptimizerState("momentum");
      none.load(in, parameters, manager);
      boolean hadBuffers = none.size() > 0;
      none.close();
      if (hadBuffers) {
        throw new IOException(
            "optimizer state holds momentum buffers but the configured SGD has momentum 0");
      }
    } else {
      state.load(in, parameters, manager);
    }
    updates = saved;
  }

  /** The momentum buffers (for tests). */
  OptimizerState state() {
    return state;
  }

  /** Frees the momentum buffers. */
  @Override
  public void close() {
    state.close();
  }
}
