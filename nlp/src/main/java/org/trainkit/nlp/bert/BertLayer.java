package org.trainkit.nlp.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * One transformer layer as {@code modeling_bert.BertLayer} (post-LayerNorm): multi-head
 * self-attention whose padded keys get a large negative score, output projection, dropout,
 * residual + LayerNorm; then dense → exact GELU → dense, dropout, residual + LayerNorm. Input:
 * hidden states {@code (batch, length, hidden)} and the additive key mask {@code (batch, 1, 1,
 * length)}; output: hidden states of the same shape.
 */
public final class BertLayer extends AbstractBlock {

  private final BertConfig config;
  private final Linear query;
  private final Linear key;
  private final Linear value;
  private final Linear attentionOutput;
  private final LayerNorm attentionNorm;
  private final Linear intermediate;
  private final Linear output;
  private final LayerNorm outputNorm;

  public BertLayer(BertConfig config) {
    super((byte) 1);
    this.config = config;
    int hidden = config.hiddenSize();
    query = addChildBlock("query", linear(hidden));
    key = addChildBlock("key", linear(hidden));
    value = addChildBlock("value", linear(hidden));
    attentionOutput = addChildBlock("attention_output", linear(hidden));
    attentionNorm = addChildBlock("attention_LayerNorm", layerNorm(config));
    intermediate = addChildBlock("intermediate", linear(config.intermediateSize()));
    output = addChildBlock("output", linear(hidden));
    outputNorm = addChildBlock("output_LayerNorm", layerNorm(config));
  }

  static Linear linear(int units) {
    return Linear.builder().setUnits(units).build();
  }

  /** LayerNorm over the last (hidden) axis of a {@code (batch, length, hidden)} input. */
  static LayerNorm layerNorm(BertConfig config) {
    return LayerNorm.builder().axis(2).optEpsilon(config.layerNormEps()).build();
  }

  static void putLinear(Map<String, Parameter> map, String prefix, Block linear) {
    map.put(prefix + "weight", linear.getParameters().get("weight"));
    map.put(prefix + "bias", linear.getParameters().get("bias"));
  }

  static void putLayerNorm(Map<String, Parameter> map, String prefix, LayerNorm norm) {
    map.put(prefix + "weight", norm.getParameters().get("gamma"));
    map.put(prefix + "bias", norm.getParameters().get("beta"));
  }

  /** Names relative to {@code encoder.layer.N.}. */
  void putHuggingFaceParameters(Map<String, Parameter> map, String prefix) {
    putLinear(map, prefix + "attention.self.query.", query);
    putLinear(map, prefix + "attention.self.key.", key);
    putLinear(map, prefix + "attention.self.value.", value);
    putLinear(map, prefix + "attention.output.dense.", attentionOutput);
    putLayerNorm(map, prefix + "attention.output.LayerNorm.", attentionNorm);
    putLinear(map, prefix + "intermediate.dense.", intermediate);
    putLinear(map, prefix + "output.dense.", output);
    putLayerNorm(map, prefix + "output.LayerNorm.", outputNorm);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray hidden = inputs.get(0);
    NDArray keyMask = inputs.get(1);
    NDArray attended = selfAttention(ps, hidden, keyMask, training);
    NDArray projected = attentionOutput.forward(ps, new NDList(attended), training).head();
    projected = Dropout.dropout(projected, config.hiddenDropoutProb(), training).head();
    NDArray afterAttention =
        attentionNorm.forward(ps, new NDList(projected.add(hidden)), training).head();

    NDArray inner = Activation.gelu(
        intermediate.forward(ps, new NDList(afterAttention), training).head());
    NDArray out = output.forward(ps, new NDList(inner), training).head();
    out = Dropout.dropout(out, config.hiddenDropoutProb(), training).head();
    return outputNorm.forward(ps, new NDList(out.add(afterAttention)), training);
  }

  private NDArray selfAttention(ParameterStore ps, NDArray hidden, NDArray keyMask,
      boolean training) {
    Shape shape = hidden.getShape();
    long batch = shape.get(0);
    long length = shape.get(1);
    NDArray q = heads(query.forward(ps, new NDList(hidden), training).head(), batch, length);
    NDArray k = heads(key.forward(ps, new NDList(hidden), training).head(), batch, length);
    NDArray v = heads(value.forward(ps, new NDList(hidden), training).head(), batch, length);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2))
        .div((float) Math.sqrt(config.headSize()))
        .add(keyMask);
    NDArray probabilities = scores.softmax(-1);
    probabilities =
        Dropout.dropout(probabilities, config.attentionProbsDropoutProb(), training).head();
    return probabilities.matMul(v).transpose(0, 2, 1, 3)
        .reshape(batch, length, config.hiddenSize());
  }

  /** {@code (batch, length, hidden)} → {@code (batch, heads, length, head size)}. */
  private NDArray heads(NDArray x, long batch, long length) {
    return x.reshape(batch, length, config.numAttentionHeads(), config.headSize())
        .transpose(0, 2, 1, 3);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape hidden = inputShapes[0];
    for (Block b : new Block[] {query, key, value, attentionOutput, attentionNorm, output,
        outputNorm}) {
      if (b == output) {
        b.initialize(manager, dataType,
            new Shape(hidden.get(0), hidden.get(1), config.intermediateSize()));
      } else {
        b.initialize(manager, dataType, hidden);
      }
    }
    intermediate.initialize(manager, dataType, hidden);
  }
}
