package org.trainkit.examples.tagger;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.trainkit.nlp.crf.LinearChainCrf;
import org.trainkit.nlp.crf.TransitionConstraints;
import org.trainkit.nlp.embed.CharCnnWordEncoder;
import org.trainkit.nlp.embed.EmbeddingTable;
import org.trainkit.nlp.layers.MaskDropout;

/**
 * Word embeddings (learned, or starting from pretrained vectors) + affix (character n-gram)
 * embeddings + word-shape embeddings + a character CNN per word → BiLSTM (one layer or more,
 * dropout after each) → per-token tag scores
 * (emissions), and, with the CRF decoder, a linear-chain CRF over them whose decoding keeps to
 * valid BIO.
 *
 * <p>The BiLSTM is two one-way LSTMs, the second reading each sentence backwards within its
 * true length: DJL 0.36's bidirectional LSTM returns NaN on CPU (see DESIGN.md).
 *
 * <p>Inputs: word ids {@code (B, T)}, affix ids {@code (B, T, A)}, shape ids {@code (B, T)},
 * {@code (B·T)} flat positions that reverse each sentence within its length, and with character
 * features, character ids {@code (B, T, C)} and characters per word {@code (B, T)}. Output:
 * scores {@code (B, T, tags)}. The CRF is not applied in the forward: its loss and decoding need
 * the gold tags and lengths, which the tagger passes to {@link #crf()}.
 */
final class TaggerNetwork extends AbstractBlock {

  /** Embedding rows start N(0, 0.1²). */
  private static final float INITIAL_SD = 0.1f;
  private static final int AFFIX_DIMENSION = 16;
  private static final int SHAPE_DIMENSION = 8;
  private static final int CHARACTER_DIMENSION = 25;
  private static final int CHARACTER_KERNEL = 3;

  private final Block words;
  private final EmbeddingTable affixes;
  private final EmbeddingTable shapes;
  private final CharCnnWordEncoder characters;
  /** Each BiLSTM layer's two directions; layer 0 keeps the names runs before stacking had. */
  private final List<LSTM> forward = new ArrayList<>();
  private final List<LSTM> backward = new ArrayList<>();
  private final MaskDropout dropout;
  private final Linear scores;
  private final LinearChainCrf crf;

  /**
   * @param words the word embedding block: ids {@code (B, T)} → {@code (B, T, D)}
   * @param characterIds character ids of the character vocabulary; unused without filters
   * @param tags the tag names, in id order (the CRF's constraints need them)
   */
  TaggerNetwork(Block words, int affixBuckets, int shapeCount, int characterIds, List<String> tags,
      EntityTaggerOptions options) {
    super((byte) 1);
    this.words = addChildBlock("words", words);
    affixes = addChildBlock("affixes", new EmbeddingTable(affixBuckets, AFFIX_DIMENSION, INITIAL_SD));
    shapes = addChildBlock("shapes", new EmbeddingTable(shapeCount, SHAPE_DIMENSION, INITIAL_SD));
    characters = options.characterFilters() == 0 ? null : addChildBlock("characters",
        new CharCnnWordEncoder(characterIds, CHARACTER_DIMENSION, options.characterFilters(), CHARACTER_KERNEL));
    for (int layer = 0; layer < options.layers(); layer++) {
      String suffix = layer == 0 ? "" : Integer.toString(layer + 1);
      forward.add(addChildBlock("forward" + suffix, lstm(options.hidden())));
      backward.add(addChildBlock("backward" + suffix, lstm(options.hidden())));
    }
    // the same inverted dropout as DJL's Dropout, with a mask that is cheaper to draw; no
    // parameters, and the child keeps its name and place (parameter names are unchanged)
    dropout = addChildBlock("dropout", new MaskDropout((float) options.dropout()));
    scores = addChildBlock("scores", Linear.builder().setUnits(tags.size()).build());
    crf = options.decoder() == EntityTaggerOptions.Decoder.CRF
        ? addChildBlock("crf", new LinearChainCrf(TransitionConstraints.bio(tags)))
        : null;
  }

  /** The CRF over the tag scores; null with the softmax decoder. */
  LinearChainCrf crf() {
    return crf;
  }

  /** True when the network reads character ids (inputs 4 and 5). */
  boolean readsCharacters() {
    return characters != null;
  }

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
    if (characters != null) {
      NDArray c = characters.forward(store, new NDList(inputs.get(4), inputs.get(5)), training).head();
      x = x.concat(c, 2);
    }
    if (training) { // outside training dropout is the identity: no call for it
      x = dropout.forward(store, new NDList(x), true).head();
    }

    NDArray h = x;
    for (int layer = 0; layer < forward.size(); layer++) {
      NDArray there = forward.get(layer).forward(store, new NDList(h), training).head();
      NDArray back = reversed(
          backward.get(layer).forward(store, new NDList(reversed(h, reverse)), training).head(), reverse);
      h = there.concat(back, 2);
      if (training) {
        h = dropout.forward(store, new NDList(h), true).head();
      }
    }
    return scores.forward(store, new NDList(h), training);
  }

  /**
   * Each sentence of {@code x (B, T, C)} read backwards within its length (padding stays put): the
   * rows at {@code flatPositions} of {@code x} seen as {@code (B·T, C)}, picked by libtorch's
   * embedding (index_select on rows), which is cheaper than advanced indexing and, the positions
   * being a permutation, has the same gradient.
   */
  private static NDArray reversed(NDArray x, NDArray flatPositions) {
    Shape shape = x.getShape();
    NDArray rows = x.reshape(shape.get(0) * shape.get(1), shape.get(2));
    return Embedding.embedding(flatPositions, rows, SparseFormat.DENSE).head().reshape(shape);
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
    if (characters != null) {
      characters.initialize(manager, dataType, inputShapes[4], inputShapes[5]);
      features += characters.filters();
    }
    Shape sequence = new Shape(batch, time, features);
    dropout.initialize(manager, dataType, sequence);
    for (int layer = 0; layer < forward.size(); layer++) {
      forward.get(layer).initialize(manager, dataType, sequence);
      backward.get(layer).initialize(manager, dataType, sequence);
      long hidden = forward.get(layer).getOutputShapes(new Shape[] {sequence})[0].get(2);
      sequence = new Shape(batch, time, 2 * hidden);
    }
    Shape emissions = sequence;
    scores.initialize(manager, dataType, emissions);
    if (crf != null) {
      crf.initialize(manager, dataType, scores.getOutputShapes(new Shape[] {emissions})[0],
          wordShape, new Shape(batch));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape wordShape = inputShapes[0];
    long hidden = 2 * forward.get(0).getOutputShapes(new Shape[] {new Shape(wordShape.get(0), wordShape.get(1), 1)})[0].get(2);
    return scores.getOutputShapes(new Shape[] {new Shape(wordShape.get(0), wordShape.get(1), hidden)});
  }
}
