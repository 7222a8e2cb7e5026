package org.trainkit.nlp.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A lookup table (word ids of any shape → vectors) whose rows start from pretrained vectors:
 * row i holds the vector of {@code vocabulary.get(i)}, and rows of words without one start
 * N(0, 0.1²) from the run's seed. Frozen, its parameter takes no gradient, so no optimizer
 * changes it; fine-tuned, it trains like any other.
 */
public final class PretrainedEmbedding extends AbstractBlock {

  private static final float MISSING_ROW_SCALE = 0.1f;

  private final long rows;
  private final int dimension;
  private final boolean trainable;
  private final int covered;
  private final Parameter weight;

  /**
   * @param vocabulary the words of the ids, id i ↔ {@code vocabulary.get(i)} (padding and
   *     unknown ids are just words without vectors)
   * @param vectors the pretrained vectors, e.g. {@link WordVectors#load} for this vocabulary
   * @param trainable false to freeze the table
   */
  public PretrainedEmbedding(List<String> vocabulary, WordVectors vectors, boolean trainable) {
    super((byte) 1);
    this.rows = vocabulary.size();
    this.dimension = vectors.dimension();
    this.trainable = trainable;
    float[][] initial = new float[vocabulary.size()][];
    int withVector = 0;
    for (int i = 0; i < initial.length; i++) {
      initial[i] = vectors.vector(vocabulary.get(i));
      if (initial[i] != null) {
        withVector++;
      }
    }
    this.covered = withVector;
    this.weight = addParameter(
        Parameter.builder()
            .setName("weight")
            .setType(Parameter.Type.WEIGHT)
            .optShape(new Shape(rows, dimension))
            .optRequiresGrad(trainable)
            .optInitializer((manager, shape, dataType) -> {
              // Random rows first, from the engine's seeded generator; then the pretrained ones.
              NDArray random =
                  manager.randomNormal(0f, MISSING_ROW_SCALE, shape, DataType.FLOAT32);
              float[] values = random.toFloatArray();
              random.close();
              for (int i = 0; i < initial.length; i++) {
                if (initial[i] != null) {
                  System.arraycopy(initial[i], 0, values, i * dimension, dimension);
                }
              }
              return manager.create(values, shape).toType(dataType, false);
            })
            .build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.singletonOrThrow();
    NDArray table = store.getValue(weight, ids.getDevice(), training);
    return Embedding.embedding(ids, table, SparseFormat.DENSE);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(dimension)};
  }

  /** The table parameter {@code (rows, dimension)}. */
  public Parameter weight() {
    return weight;
  }

  public long rows() {
    return rows;
  }

  public int dimension() {
    return dimension;
  }

  /** False when frozen. */
  public boolean trainable() {
    return trainable;
  }

  /** Number of rows that start from a pretrained vector. */
  public int covered() {
    return covered;
  }
}
