package org.trainkit.benchmarks.tagger;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The example tagger's network as the DJL contenders train it: {@code EntityTagger}'s word
 * dropout (done in its {@code @Forward}, outside the network) moved into a block, so that DJL's
 * {@code Trainer.forward} runs exactly what trainkit's step runs.
 */
public final class TaggerTrainingBlock extends AbstractBlock {

  /** {@code EntityTagger}'s word-dropout rate and unknown-word id. */
  static final float WORD_DROPOUT = 0.1f;
  static final int UNKNOWN = 1;

  private final Block network;

  public TaggerTrainingBlock(Block network) {
    super((byte) 1);
    this.network = addChildBlock("network", network);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray wordIds = inputs.get(0);
    if (training) {
      NDArray drop = wordIds.getManager().randomUniform(0, 1, wordIds.getShape()).lt(WORD_DROPOUT);
      wordIds = NDArrays.where(drop, wordIds.onesLike().mul(UNKNOWN), wordIds);
    }
    NDList rest = new NDList(inputs.subList(1, inputs.size()));
    NDList all = new NDList(wordIds);
    all.addAll(rest);
    return network.forward(store, all, training);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    network.initialize(manager, dataType, inputShapes);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return network.getOutputShapes(inputShapes);
  }
}
