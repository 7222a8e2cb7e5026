package org.trainkit.examples.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.trainkit.nlp.embed.EmbeddingTable;

/**
 * A sentence of an abstract → label scores, from the mean of its hashed word and bigram
 * embeddings (fastText-style), the same for its previous and next sentence, and embeddings of
 * its position in the abstract.
 *
 * <p>Inputs: n-gram ids {@code (S, L)}, n-gram mask {@code (S, L)}, relative-position bin
 * {@code (S)}, index of the previous and of the next sentence in the batch {@code (S)} each,
 * {@code S} meaning "none". Output: scores {@code (S, labels)}.
 */
final class ClassifierNetwork extends AbstractBlock {

  /** Embedding rows start N(0, 0.1²). */
  private static final float INITIAL_SD = 0.1f;

  private static final int POSITION_DIMENSION = 16;
  private final long dimension;
  private final EmbeddingTable ngrams;
  private final EmbeddingTable positions;
  private final Linear hidden;
  private final Dropout dropout;
  private final Linear scores;

  ClassifierNetwork(int buckets, int positionBins, int dimension, int hiddenUnits, int labels) {
    super((byte) 1);
    this.dimension = dimension;
    ngrams = addChildBlock("ngrams", new EmbeddingTable(buckets, dimension, INITIAL_SD));
    positions = addChildBlock("positions", new EmbeddingTable(positionBins, POSITION_DIMENSION, INITIAL_SD));
    hidden = addChildBlock("hidden", Linear.builder().setUnits(hiddenUnits).build());
    dropout = addChildBlock("dropout", Dropout.builder().optRate(0.3f).build());
    scores = addChildBlock("scores", Linear.builder().setUnits(labels).build());
  }


  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray mask = inputs.get(1);
    NDArray position = inputs.get(2);
    NDArray previous = inputs.get(3);
    NDArray next = inputs.get(4);
    NDArray embedded = ngrams.forward(store, new NDList(ids), training).head();
    NDArray bags = embedded.mul(mask.expandDims(2)).sum(new int[] {1})
        .div(mask.sum(new int[] {1}, true).maximum(1f));
    // a zero row stands for "no neighbour"
    NDArray padded = bags.concat(bags.getManager().zeros(new Shape(1, dimension)), 0);
    NDArray context = bags
        .concat(padded.get(previous), 1)
        .concat(padded.get(next), 1)
        .concat(positions.forward(store, new NDList(position), training).head(), 1);
    NDArray h = hidden.forward(store, new NDList(context), training).head();
    h = dropout.forward(store, new NDList(Activation.relu(h)), training).head();
    return scores.forward(store, new NDList(h), training);
  }

  private long features() {
    return 3 * dimension + POSITION_DIMENSION;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long sentences = inputShapes[0].get(0);
    ngrams.initialize(manager, dataType, inputShapes[0]);
    positions.initialize(manager, dataType, inputShapes[2]);
    Shape features = new Shape(sentences, features());
    hidden.initialize(manager, dataType, features);
    Shape hiddenShape = hidden.getOutputShapes(new Shape[] {features})[0];
    dropout.initialize(manager, dataType, hiddenShape);
    scores.initialize(manager, dataType, hiddenShape);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long sentences = inputShapes[0].get(0);
    Shape hiddenShape = hidden.getOutputShapes(new Shape[] {new Shape(sentences, features())})[0];
    return scores.getOutputShapes(new Shape[] {hiddenShape});
  }
}
