package org.trainkit.nlp.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code BertModel} without the pooler: embeddings, then the transformer layers.
 * Input {@link NDList}: input ids, token-type ids and attention mask (1 = a real piece, 0 =
 * padding), each {@code (batch, length)}; output: the last hidden states {@code (batch, length,
 * hidden)}. Padded keys get {@code float32}'s lowest value added to their scores, as
 * {@code modeling_bert} does, so no real piece attends to padding.
 */
public final class BertEncoder extends AbstractBlock {

  private final BertConfig config;
  private final BertEmbeddings embeddings;
  private final List<BertLayer> layers = new ArrayList<>();

  public BertEncoder(BertConfig config) {
    super((byte) 1);
    this.config = config;
    embeddings = addChildBlock("embeddings", new BertEmbeddings(config));
    for (int i = 0; i < config.numHiddenLayers(); i++) {
      layers.add(addChildBlock("layer" + i, new BertLayer(config)));
    }
  }

  public BertConfig config() {
    return config;
  }

  /** Names relative to the model ({@code embeddings.…}, {@code encoder.layer.N.…}). */
  public Map<String, Parameter> huggingFaceParameters() {
    Map<String, Parameter> map = new LinkedHashMap<>();
    embeddings.huggingFaceParameters().forEach((name, p) -> map.put("embeddings." + name, p));
    for (int i = 0; i < layers.size(); i++) {
      layers.get(i).putHuggingFaceParameters(map, "encoder.layer." + i + ".");
    }
    return map;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray typeIds = inputs.get(1);
    NDArray mask = inputs.get(2);
    NDArray hidden = embeddings.forward(ps, new NDList(ids, typeIds), training).head();
    NDArray keyMask = additiveKeyMask(mask);
    for (BertLayer layer : layers) {
      hidden = layer.forward(ps, new NDList(hidden, keyMask), training).head();
    }
    return new NDList(hidden);
  }

  /** {@code (batch, length)} of 1/0 → {@code (batch, 1, 1, length)} of 0/lowest float. */
  static NDArray additiveKeyMask(NDArray mask) {
    Shape shape = mask.getShape();
    NDArray keep = mask.toType(DataType.FLOAT32, false);
    return keep.neg().add(1f).mul(-Float.MAX_VALUE).reshape(shape.get(0), 1, 1, shape.get(1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(config.hiddenSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    embeddings.initialize(manager, dataType, inputShapes[0], inputShapes[1]);
    Shape hidden = inputShapes[0].add(config.hiddenSize());
    Shape keyMask = new Shape(inputShapes[0].get(0), 1, 1, inputShapes[0].get(1));
    for (BertLayer layer : layers) {
      layer.initialize(manager, dataType, hidden, keyMask);
    }
  }
}
