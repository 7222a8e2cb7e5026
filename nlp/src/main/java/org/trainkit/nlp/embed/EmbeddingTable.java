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
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A lookup table of {@code rows × dimension} floats: ids {@code (…)} → vectors {@code (…,
 * dimension)}. DJL's {@code TrainableWordEmbedding} maps items through a vocabulary of its own;
 * the callers here (a tagger's word and affix ids, a tokenizer's ids, a checkpoint's table) have
 * their ids already, so this block takes them as they are.
 */
public final class EmbeddingTable extends AbstractBlock {

  private final long rows;
  private final long dimension;
  private final Parameter weight;

  /** A table initialized N(0, {@code initialStandardDeviation}²). */
  public EmbeddingTable(long rows, long dimension, float initialStandardDeviation) {
    super((byte) 1);
    this.rows = rows;
    this.dimension = dimension;
    this.weight = addParameter(
        Parameter.builder()
            .setName("weight")
            .setType(Parameter.Type.WEIGHT)
            .optShape(new Shape(rows, dimension))
            .optInitializer(new NormalInitializer(initialStandardDeviation))
            .build());
  }

  /** The {@code (rows, dimension)} table. */
  public Parameter weight() {
    return weight;
  }

  public long rows() {
    return rows;
  }

  public long dimension() {
    return dimension;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.singletonOrThrow();
    NDArray table = store.getValue(weight, ids.getDevice(), training);
    return Embedding.embedding(ids.toType(DataType.INT64, false), table, SparseFormat.DENSE);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(dimension)};
  }

  @Override
  public DataType[] getOutputDataTypes() {
    return new DataType[] {DataType.FLOAT32};
  }
}
