package org.trainkit.examples.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A trainable lookup table: integer ids of any shape → vectors. DJL's own embeddings want a
 * vocabulary object; ids are all a tagger needs.
 */
public final class EmbeddingTable extends AbstractBlock {

  private final long rows;
  private final long dimension;
  private final Parameter weight;

  /** A table of {@code rows} vectors of {@code dimension} values, initialized N(0, 0.1²). */
  public EmbeddingTable(long rows, long dimension) {
    super((byte) 1);
    this.rows = rows;
    this.dimension = dimension;
    this.weight = addParameter(
        Parameter.builder()
            .setName("weight")
            .setType(Parameter.Type.WEIGHT)
            .optShape(new Shape(rows, dimension))
            .optInitializer(new NormalInitializer(0.1f))
            .build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    var ids = inputs.singletonOrThrow();
    var table = store.getValue(weight, ids.getDevice(), training);
    return Embedding.embedding(ids, table, SparseFormat.DENSE);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(dimension)};
  }

  @Override
  public DataType[] getOutputDataTypes() {
    return new DataType[] {DataType.FLOAT32};
  }

  public long rows() {
    return rows;
  }

  public long dimension() {
    return dimension;
  }
}
