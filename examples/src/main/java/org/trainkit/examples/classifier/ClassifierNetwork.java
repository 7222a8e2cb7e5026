package org.trainkit.examples.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.trainkit.nlp.crf.LinearChainCrf;
import org.trainkit.nlp.embed.EmbeddingTable;

/**
 * The sentences of abstracts → label scores, hierarchically (Jin &amp; Szolovits 2018): each
 * sentence becomes a vector — a word CNN over it ({@link SentenceCnn}) and/or the mean of its
 * hashed word and bigram embeddings (fastText-style), optionally the mean of its words'
 * pretrained vectors, and an embedding of its relative position
 * — then a BiLSTM reads the abstract's sentence vectors in order, and a linear layer scores each
 * sentence's labels; a CRF over them (held here, applied by the classifier) scores label
 * sequences. Without context, a hidden layer scores each sentence alone.
 *
 * <p>Inputs: n-gram ids {@code (S, L)}, n-gram mask {@code (S, L)}, position bins {@code (S)},
 * the layout {@code (A·N)} (for each abstract's slot, the row of its sentence, or S for padding),
 * flat positions {@code (A·N)} that reverse each abstract within its length, the slots {@code (A,
 * N)} (1 where an abstract has a sentence; the grid's shape is read from it), the vocabulary's
 * word ids {@code (S, T)} and their mask {@code (S, T)}, and with vectors, word ids {@code (S,
 * W)} and word mask {@code (S, W)}. Output: scores {@code (A, N, labels)}.
 *
 * <p>The BiLSTM is two one-way LSTMs, the second reading each abstract backwards within its
 * length: DJL 0.36's bidirectional LSTM returns NaN on CPU (see DESIGN.md).
 */
final class ClassifierNetwork extends AbstractBlock {

  /** Embedding rows start N(0, 0.1²). */
  private static final float INITIAL_SD = 0.1f;
  private static final int POSITION_DIMENSION = 16;

  private final EmbeddingTable ngrams;
  private final SentenceCnn cnn;
  private final EmbeddingTable positions;
  private final Block words;
  private final Dropout dropout;
  private final LSTM forward;
  private final LSTM backward;
  private final Linear hidden;
  private final Linear scores;
  private final LinearChainCrf crf;

  /**
   * @param vocabulary word ids of the CNN (padding and the unknown word included)
   * @param words pretrained word vectors (ids → vectors), or null without
   * @param labels number of labels
   */
  ClassifierNetwork(int buckets, int vocabulary, int positionBins, Block words, int labels,
      ClassifierOptions options) {
    super((byte) 1);
    boolean bag = options.encoder() != ClassifierOptions.Encoder.CNN;
    boolean convolutional = options.encoder() != ClassifierOptions.Encoder.BAG;
    ngrams = bag ? addChildBlock("ngrams", new EmbeddingTable(buckets, options.dimension(), INITIAL_SD)) : null;
    cnn = convolutional
        ? addChildBlock("cnn", new SentenceCnn(vocabulary, options.dimension(), options.filters(),
            widths(options.width())))
        : null;
    positions = addChildBlock("positions", new EmbeddingTable(positionBins, POSITION_DIMENSION, INITIAL_SD));
    this.words = words == null ? null : addChildBlock("words", words);
    dropout = addChildBlock("dropout", Dropout.builder().optRate((float) options.dropout()).build());
    boolean contextual = options.context() == ClassifierOptions.Context.BILSTM;
    forward = contextual ? addChildBlock("forward", lstm(options.hidden())) : null;
    backward = contextual ? addChildBlock("backward", lstm(options.hidden())) : null;
    hidden = contextual ? null : addChildBlock("hidden", Linear.builder().setUnits(options.hidden()).build());
    scores = addChildBlock("scores", Linear.builder().setUnits(labels).build());
    crf = options.decoder() == ClassifierOptions.Decoder.CRF
        ? addChildBlock("crf", new LinearChainCrf(labels))
        : null;
  }

  /** The CNN's filter widths: 1, 3, … up to {@code widest} (odd). */
  static int[] widths(int widest) {
    return java.util.stream.IntStream.rangeClosed(0, widest / 2).map(i -> 2 * i + 1).toArray();
  }

  /** The CRF over an abstract's labels; null with the softmax decoder. */
  LinearChainCrf crf() {
    return crf;
  }

  private static LSTM lstm(int hidden) {
    return LSTM.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray mask = inputs.get(1);
    NDArray layout = inputs.get(3);
    NDArray reverse = inputs.get(4);
    Shape grid = inputs.get(5).getShape();
    NDArray sentences = positions.forward(store, new NDList(inputs.get(2)), training).head();
    if (ngrams != null) {
      sentences = mean(ngrams.forward(store, new NDList(ids), training).head(), mask).concat(sentences, 1);
    }
    if (cnn != null) {
      sentences = cnn.forward(store, new NDList(inputs.get(6), inputs.get(7)), training).head()
          .concat(sentences, 1);
    }
    if (words != null) {
      NDArray vectors = words.forward(store, new NDList(inputs.get(8)), training).head();
      sentences = sentences.concat(mean(vectors, inputs.get(9)), 1);
    }
    sentences = dropout.forward(store, new NDList(sentences), training).head();
    if (hidden != null) {
      sentences = Activation.relu(hidden.forward(store, new NDList(sentences), training).head());
      sentences = dropout.forward(store, new NDList(sentences), training).head();
    }
    // sentences (S, D) laid out as abstracts (A, N, D); a zero row fills the padding slots
    long d = sentences.getShape().get(1);
    NDArray x = sentences.concat(sentences.getManager().zeros(new Shape(1, d)), 0)
        .get(layout).reshape(grid.get(0), grid.get(1), d);
    if (forward != null) {
      NDArray there = forward.forward(store, new NDList(x), training).head();
      NDArray back = reversed(backward.forward(store, new NDList(reversed(x, reverse)), training).head(), reverse);
      x = dropout.forward(store, new NDList(there.concat(back, 2)), training).head();
    }
    return scores.forward(store, new NDList(x), training);
  }

  /** The mean of {@code embedded (S, L, D)} over the positions where {@code mask (S, L)} is 1. */
  private static NDArray mean(NDArray embedded, NDArray mask) {
    return embedded.mul(mask.expandDims(2)).sum(new int[] {1})
        .div(mask.sum(new int[] {1}, true).maximum(1f));
  }

  /** Each abstract of {@code x (A, N, C)} read backwards within its length. */
  private static NDArray reversed(NDArray x, NDArray flatPositions) {
    Shape shape = x.getShape();
    return x.reshape(shape.get(0) * shape.get(1), shape.get(2)).get(flatPositions).reshape(shape);
  }

  private long sentenceFeatures(Shape[] inputShapes) {
    long features = POSITION_DIMENSION;
    if (ngrams != null) {
      features += ngrams.dimension();
    }
    if (cnn != null) {
      features += cnn.size();
    }
    if (words != null) {
      features += words.getOutputShapes(new Shape[] {inputShapes[8]})[0].get(2);
    }
    return features;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long sentences = inputShapes[0].get(0);
    Shape grid = inputShapes[5];
    if (ngrams != null) {
      ngrams.initialize(manager, dataType, inputShapes[0]);
    }
    if (cnn != null) {
      cnn.initialize(manager, dataType, inputShapes[6], inputShapes[7]);
    }
    positions.initialize(manager, dataType, inputShapes[2]);
    if (words != null) {
      words.initialize(manager, dataType, inputShapes[8]);
    }
    long features = sentenceFeatures(inputShapes);
    Shape sentenceShape = new Shape(sentences, features);
    dropout.initialize(manager, dataType, sentenceShape);
    Shape scoresInput;
    if (forward != null) {
      Shape sequence = new Shape(grid.get(0), grid.get(1), features);
      forward.initialize(manager, dataType, sequence);
      backward.initialize(manager, dataType, sequence);
      long units = forward.getOutputShapes(new Shape[] {sequence})[0].get(2);
      scoresInput = new Shape(grid.get(0), grid.get(1), 2 * units);
    } else {
      hidden.initialize(manager, dataType, sentenceShape);
      long units = hidden.getOutputShapes(new Shape[] {sentenceShape})[0].get(1);
      scoresInput = new Shape(grid.get(0), grid.get(1), units);
    }
    scores.initialize(manager, dataType, scoresInput);
    if (crf != null) {
      crf.initialize(manager, dataType, scores.getOutputShapes(new Shape[] {scoresInput})[0],
          grid, new Shape(grid.get(0)));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape grid = inputShapes[5];
    long units = forward != null
        ? 2 * forward.getOutputShapes(new Shape[] {new Shape(grid.get(0), grid.get(1), 1)})[0].get(2)
        : hidden.getOutputShapes(new Shape[] {new Shape(1, 1)})[0].get(1);
    return scores.getOutputShapes(new Shape[] {new Shape(grid.get(0), grid.get(1), units)});
  }
}
