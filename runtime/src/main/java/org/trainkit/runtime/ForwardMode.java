package org.trainkit.runtime;

/**
 * Why a {@code @Forward} method runs, as {@link ForwardContext#mode()} tells it.
 *
 * <p>One forward serves training and inference: in {@link #TRAIN} and {@link #EVALUATE} the
 * batch holds labels and the result must carry a loss; in {@link #PREDICT} the batch may come
 * without labels, and the result may be {@link ForwardResult#prediction output alone}.
 */
public enum ForwardMode {
  /** A training step: dropout on, the loss is differentiated. */
  TRAIN,
  /** An evaluation pass over labelled data: dropout off, the loss and metrics are reported. */
  EVALUATE,
  /** Inference: dropout off, no gradients, labels may be absent and no loss is needed. */
  PREDICT;

  /** True for {@link #TRAIN} only: the mode in which dropout and other training-only layers act. */
  public boolean isTraining() {
    return this == TRAIN;
  }
}
