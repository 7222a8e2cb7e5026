package org.trainkit.runtime;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Objects;

/**
 * A collated batch as the loader hands it to the loop: the component's batch value, the
 * dataset positions of its examples, and the manager that owns its arrays.
 *
 * <p>Closing a batch closes its manager and so every array the collate step created.
 *
 * @param <B> the component's batch type
 */
public final class Batch<B> implements AutoCloseable {

  private final B data;
  private final int[] indices;
  private final NDManager manager;

  public Batch(B data, int[] indices, NDManager manager) {
    this.data = Objects.requireNonNull(data, "collate returned null");
    this.indices = indices.clone();
    this.manager = manager;
  }

  /** The value {@code @Collate} returned. */
  public B data() {
    return data;
  }

  /** Number of examples in the batch. */
  public int size() {
    return indices.length;
  }

  /** Position in the dataset of the {@code i}-th example of this batch. */
  public int index(int i) {
    return indices[i];
  }

  /** Positions in the dataset of the examples, in batch order. */
  public int[] indices() {
    return indices.clone();
  }

  /** The manager that owns this batch's arrays. */
  public NDManager manager() {
    return manager;
  }

  @Override
  public void close() {
    manager.close();
  }

  @Override
  public String toString() {
    return "Batch" + Arrays.toString(indices);
  }
}
