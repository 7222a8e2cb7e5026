package org.trainkit.runtime;

import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * Implemented by a trainable class that can show its predictions: the generated adapter then
 * saves them under {@code outputs/} at each evaluation and the report shows a sample.
 *
 * @param <B> the class's batch type
 */
public interface PredictionRenderer<B> {

  /** One {@link Prediction} per example of the batch, in batch order. */
  List<Prediction> predictions(B batch, NDList output);
}
