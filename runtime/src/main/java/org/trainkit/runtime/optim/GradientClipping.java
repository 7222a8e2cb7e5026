package org.trainkit.runtime.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.List;

/**
 * Clipping by global norm, as PyTorch's {@code clip_grad_norm_}: all gradients are scaled by
 * one factor so that their joint L2 norm is at most a bound. The factor is meant to be folded
 * into the optimizer's {@code gradientScale}, so clipping costs no extra pass over the
 * gradients.
 */
public final class GradientClipping {

  private GradientClipping() {}

  /**
   * The L2 norm of all gradients taken together: {@code sqrt(sum of squares)}. Reads one
   * number back from the device, whatever the number of arrays.
   *
   * @return 0 for no gradients; NaN or infinity when a gradient holds one
   */
  public static float globalNorm(List<NDArray> gradients) {
    if (gradients.isEmpty()) {
      return 0f;
    }
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDList norms = new NDList(gradients.size());
      for (NDArray gradient : gradients) {
        norms.add(gradient.norm());
      }
      // The norm of the per-array norms is the norm of everything.
      return Scalars.read(NDArrays.stack(norms).norm());
    }
  }

  /**
   * The factor that brings a gradient of norm {@code norm} to at most {@code maxNorm}: {@code
   * min(1, maxNorm / (norm + 1e-6))}.
   *
   * @param maxNorm the bound; 0 or less disables clipping (the factor is 1)
   * @return a non-finite factor when the norm is not finite, so that the loss guard sees it
   */
  public static float clipScale(float norm, double maxNorm) {
    if (maxNorm <= 0) {
      return 1f;
    }
    if (!Float.isFinite(norm)) {
      return Float.NaN;
    }
    return (float) Math.min(1.0, maxNorm / (norm + 1e-6));
  }
}
