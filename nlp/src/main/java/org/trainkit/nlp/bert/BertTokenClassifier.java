package org.trainkit.nlp.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hugging Face's {@code BertForTokenClassification}: the encoder, dropout, then one linear layer
 * on every piece giving a score per label. Input as {@link BertEncoder}; output: logits {@code
 * (batch, length, labels)}. The labels are {@code config.labels()}, in row order.
 */
public final class BertTokenClassifier extends AbstractBlock implements HuggingFaceModel {

  private final BertConfig config;
  private final BertEncoder encoder;
  private final Linear classifier;

  public BertTokenClassifier(BertConfig config) {
    super((byte) 1);
    if (config.labels().isEmpty()) {
      throw new IllegalArgumentException("a token classifier needs at least one label");
    }
    this.config = config;
    encoder = addChildBlock("bert", new BertEncoder(config));
    classifier = addChildBlock("classifier", BertLayer.linear(config.labels().size()));
    classifier.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
  }

  @Override
  public BertConfig config() {
    return config;
  }

  @Override
  public String architecture() {
    return "BertForTokenClassification";
  }

  @Override
  public Map<String, Parameter> huggingFaceParameters() {
    Map<String, Parameter> map = new LinkedHashMap<>();
    encoder.huggingFaceParameters().forEach((name, p) -> map.put("bert." + name, p));
    BertLayer.putLinear(map, "classifier.", classifier);
    return Collections.unmodifiableMap(map);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray hidden = encoder.forward(ps, inputs, training).head();
    hidden = Dropout.dropout(hidden, config.classifierDropoutProb(), training).head();
    return classifier.forward(ps, new NDList(hidden), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(config.labels().size())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes);
    classifier.initialize(manager, dataType, inputShapes[0].add(config.hiddenSize()));
  }
}
