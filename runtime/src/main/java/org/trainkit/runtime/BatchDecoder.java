package org.trainkit.runtime;

import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * Turns one batch's model output into one plain result per item, in batch order. The batch's
 * arrays are closed after the call, so results must not hold them.
 *
 * @param <R> the raw item type
 * @param <B> the batch type
 * @param <T> the result type
 */
@FunctionalInterface
public interface BatchDecoder<R, B, T> {

  /**
   * @param items the batch's raw items, in batch order
   * @param batch what {@code @Collate} made of them
   * @param output the model's output, from a forward in {@code ForwardMode.PREDICT}
   */
  List<T> decode(List<R> items, B batch, NDList output);
}
