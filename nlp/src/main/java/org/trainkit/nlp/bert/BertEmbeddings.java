package org.trainkit.nlp.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.trainkit.nlp.embed.EmbeddingTable;

/**
 * BERT's input layer as {@code modeling_bert.BertEmbeddings}: word + position + token-type
 * vectors, summed, LayerNorm over the hidden axis with the checkpoint's eps, dropout (training
 * only). Input: ids and token-type ids, both {@code (batch, length)}; output {@code (batch,
 * length, hidden)}.
 */
public final class BertEmbeddings extends AbstractBlock {

  /** Hugging Face's initializer_range: only a table the checkpoint lacks keeps its initial values. */
  private static final float INITIALIZER_RANGE = 0.02f;

  private final BertConfig config;
  private final EmbeddingTable words;
  private final EmbeddingTable positions;
  private final EmbeddingTable tokenTypes;
  private final LayerNorm norm;

  public BertEmbeddings(BertConfig config) {
    super((byte) 1);
    this.config = config;
    words = addChildBlock("word_embeddings",
        new EmbeddingTable(config.vocabSize(), config.hiddenSize(), INITIALIZER_RANGE));
    positions = addChildBlock("position_embeddings",
        new EmbeddingTable(config.maxPositionEmbeddings(), config.hiddenSize(), INITIALIZER_RANGE));
    tokenTypes = addChildBlock("token_type_embeddings",
        new EmbeddingTable(config.typeVocabSize(), config.hiddenSize(), INITIALIZER_RANGE));
    norm = addChildBlock("LayerNorm", BertLayer.layerNorm(config));
  }

  /** Names relative to {@code embeddings.}. */
  Map<String, Parameter> huggingFaceParameters() {
    Map<String, Parameter> map = new LinkedHashMap<>();
    map.put("word_embeddings.weight", words.weight());
    map.put("position_embeddings.weight", positions.weight());
    map.put("token_type_embeddings.weight", tokenTypes.weight());
    BertLayer.putLayerNorm(map, "LayerNorm.", norm);
    return map;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray typeIds = inputs.get(1);
    long length = ids.getShape().get(1);
    if (length > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException("a sequence of " + length + " pieces is longer than the"
          + " model's max_position_embeddings " + config.maxPositionEmbeddings());
    }
    NDArray positionIds = ids.getManager().arange(0L, length, 1L, DataType.INT64).expandDims(0);
    NDArray sum = words.forward(ps, new NDList(ids), training).head()
        .add(positions.forward(ps, new NDList(positionIds), training).head())
        .add(tokenTypes.forward(ps, new NDList(typeIds), training).head());
    NDArray normed = norm.forward(ps, new NDList(sum), training).head();
    return Dropout.dropout(normed, config.hiddenDropoutProb(), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(config.hiddenSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape ids = inputShapes[0];
    words.initialize(manager, dataType, ids);
    positions.initialize(manager, dataType, ids);
    tokenTypes.initialize(manager, dataType, ids);
    norm.initialize(manager, dataType, ids.add(config.hiddenSize()));
  }
}
