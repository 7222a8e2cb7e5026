package org.trainkit.examples.tagger;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.trainkit.nlp.embed.EmbeddingTable;

/**
 * Word embeddings + affix (character n-gram) embeddings + word-shape embeddings → BiLSTM →
 * per-token tag scores.
 *
 * <p>The BiLSTM is two one-way LSTMs, the second reading each sentence backwards within its
 * true length: DJL 0.36's bidirectional LSTM returns NaN on CPU (see DESIGN.md).
 *
 * <p>Inputs: word ids {@code (B, T)}, affix ids {@code (B, T, A)}, shape ids {@code (B, T)}, and
 * {@code (B·T)} flat positions that reverse each sentence within its length. Output: scores
 * {@code (B, T, tags)}.
 */
final class TaggerNetwork extends AbstractBlock {

  /** Embedding rows start N(0, 0.1²). */
  private static final float INITIAL_SD = 0.1f;

  private final EmbeddingTable words;
  private final EmbeddingTable affixes;
  private final EmbeddingTable shapes;
  private final LSTM forward;
  private final LSTM backward;
  private final Dropout dropout;
  private final Linear scores;

  TaggerNetwork(int vocabulary, int affixBuckets, int shapeCount, int tags, Sizes sizes) {
    super((byte) 1);
    words = addChildBlock("words", new EmbeddingTable(vocabulary, sizes.word(), INITIAL_SD));
    affixes = addChildBlock("affixes", new EmbeddingTable(affixBuckets, sizes.affix(), INITIAL_SD));
    shapes = addChildBlock("shapes", new EmbeddingTable(shapeCount, sizes.shape(), INITIAL_SD));
    forward = addChildBlock("forward", lstm(sizes.hidden()));
    backward = addChildBlock("backward", lstm(sizes.hidden()));
    dropout = addChildBlock("dropout", Dropout.builder().optRate(sizes.dropout()).build());
    scores = addChildBlock("scores", Linear.builder().setUnits(tags).build());
  }

  /** Layer sizes. */
  record Sizes(int word, int affix, int shape, int hidden, float dropout) {}

  private static LSTM lstm(int hidden) {
    return LSTM.builder()
        .setStateSize(hidden)
        .setNumLayers(1)
        .optBatchFirst(true)
        .optReturnState(false)
        .build();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray wordIds = inputs.get(0);
    NDArray affixIds = inputs.get(1);
    NDArray shapeIds = inputs.get(2);
    NDArray reverse = inputs.get(3);
    long batch = wordIds.getShape().get(0);
    long time = wordIds.getShape().get(1);

    NDArray w = words.forward(store, new NDList(wordIds), training).head();
    NDArray a = affixes.forward(store, new NDList(affixIds), training).head()
        .reshape(batch, time, -1);
    NDArray s = shapes.forward(store, new NDList(shapeIds), training).head();
    NDArray x = w.concat(a, 2).concat(s, 2);
    x = dropout.forward(store, new NDList(x), training).head();

    NDArray there = forward.forward(store, new NDList(x), training).head();
    NDArray back = reversed(backward.forward(store, new NDList(reversed(x, reverse)), training).head(), reverse);
    NDArray h = there.concat(back, 2);
    h = dropout.forward(store, new NDList(h), training).head();
    return scores.forward(store, new NDList(h), training);
  }

  /** Each sentence of {@code x (B, T, C)} read backwards within its length (padding stays put). */
  private static NDArray reversed(NDArray x, NDArray flatPositions) {
    Shape shape = x.getShape();
    return x.reshape(shape.get(0) * shape.get(1), shape.get(2)).get(flatPositions).reshape(shape);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape wordShape = inputShapes[0];
    Shape affixShape = inputShapes[1];
    long batch = wordShape.get(0);
    long time = wordShape.get(1);
    words.initialize(manager, dataType, wordShape);
    affixes.initialize(manager, dataType, affixShape);
    shapes.initialize(manager, dataType, inputShapes[2]);
    long features = words.getOutputShapes(new Shape[] {wordShape})[0].get(2)
        + affixes.getOutputShapes(new Shape[] {affixShape})[0].get(3) * affixShape.get(2)
        + shapes.getOutputShapes(new Shape[] {inputShapes[2]})[0].get(2);
    Shape sequence = new Shape(batch, time, features);
    forward.initialize(manager, dataType, sequence);
    backward.initialize(manager, dataType, sequence);
    dropout.initialize(manager, dataType, sequence);
    long hidden = forward.getOutputShapes(new Shape[] {sequence})[0].get(2);
    scores.initialize(manager, dataType, new Shape(batch, time, 2 * hidden));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape wordShape = inputShapes[0];
    long hidden = 2 * forward.getOutputShapes(new Shape[] {new Shape(wordShape.get(0), wordShape.get(1), 1)})[0].get(2);
    return scores.getOutputShapes(new Shape[] {new Shape(wordShape.get(0), wordShape.get(1), hidden)});
  }
}
