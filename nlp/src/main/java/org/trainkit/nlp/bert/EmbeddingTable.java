package org.trainkit.nlp.bert;

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
 * A lookup table of {@code rows × width} floats: ids {@code (…)} → vectors {@code (…, width)}.
 * DJL's {@code TrainableWordEmbedding} maps items through its own vocabulary; a checkpoint's
 * table is indexed by the tokenizer's ids directly, so this block takes ids as they are.
 */
public final class EmbeddingTable extends AbstractBlock {

  private final Parameter weight;

  public EmbeddingTable(int rows, int width) {
    super((byte) 1);
    weight = addParameter(Parameter.builder()
        .setName("weight")
        .setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(rows, width))
        // Hugging Face's initializer_range; only a table the checkpoint lacks keeps it.
        .optInitializer(new NormalInitializer(0.02f))
        .build());
  }

  /** The {@code (rows, width)} table. */
  public Parameter weight() {
    return weight;
  }

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray ids = inputs.singletonOrThrow();
    NDArray table = parameterStore.getValue(weight, ids.getDevice(), training);
    return Embedding.embedding(ids.toType(DataType.INT64, false), table, SparseFormat.DENSE);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(weight.getArray().getShape().get(1))};
  }
}
