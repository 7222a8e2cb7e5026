package org.trainkit.examples.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.trainkit.nlp.embed.EmbeddingTable;

/**
 * A sentence's vector from its words (Kim 2014): word embeddings, convolutions of several widths
 * over them (ReLU), and the maximum and the mean of each filter over the sentence's words.
 *
 * <p>Inputs: word ids {@code (S, L)} and word mask {@code (S, L)} (1 where a word is). Output:
 * {@code (S, 2 · filters · widths)}. Padding cannot leak in: embeddings past a sentence's end are
 * zeroed before the convolution (the last words see the same zeros as the first), and positions
 * past the end are left out of both poolings; a sentence without words gets a zero vector. The
 * convolution is a linear layer over each word's window of embeddings, as in {@code
 * CharCnnWordEncoder} (DJL's Conv1d gave NaN now and then on small CPU inputs).
 */
final class SentenceCnn extends AbstractBlock {

  /** Word embedding rows start N(0, 0.1²). */
  private static final float INITIAL_SD = 0.1f;

  private final EmbeddingTable words;
  private final int[] widths;
  private final int filters;
  private final Linear[] convolutions;

  /**
   * @param rows word ids (0 is padding)
   * @param dimension size of a word embedding
   * @param filters filters of each width
   * @param widths words each filter sees, for each group of filters
   */
  SentenceCnn(int rows, int dimension, int filters, int[] widths) {
    super((byte) 1);
    this.words = addChildBlock("words", new EmbeddingTable(rows, dimension, INITIAL_SD));
    this.widths = widths.clone();
    this.filters = filters;
    this.convolutions = new Linear[widths.length];
    for (int i = 0; i < widths.length; i++) {
      convolutions[i] = addChildBlock("convolution" + widths[i], Linear.builder().setUnits(filters).build());
    }
  }

  /** Size of the output vector. */
  long size() {
    return 2L * filters * widths.length;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray mask = inputs.get(1);
    Shape shape = ids.getShape();
    long s = shape.get(0);
    long l = shape.get(1);
    NDArray x = words.forward(store, new NDList(ids), training).head().mul(mask.expandDims(2)); // (S, L, D)
    long d = x.getShape().get(2);
    NDList features = new NDList(widths.length);
    for (int i = 0; i < widths.length; i++) {
      int width = widths[i];
      int left = (width - 1) / 2;
      int right = width - 1 - left;
      NDArray padded = x;
      if (left > 0) {
        padded = x.getManager().zeros(new Shape(s, left, d), x.getDataType()).concat(padded, 1);
      }
      if (right > 0) {
        padded = padded.concat(x.getManager().zeros(new Shape(s, right, d), x.getDataType()), 1);
      }
      NDList windows = new NDList(width);
      for (int o = 0; o < width; o++) {
        windows.add(padded.get(":, " + o + ":" + (o + l) + ", :"));
      }
      NDArray window = width == 1 ? x : NDArrays.concat(windows, 2);
      features.add(Activation.relu(convolutions[i].forward(store, new NDList(window), training).head()));
    }
    // ReLU outputs are >= 0, so zeroing the padding positions keeps them out of the maximum
    // (and a sentence without words gets zeros); the mean divides by the true length.
    NDArray h = (features.size() == 1 ? features.head() : NDArrays.concat(features, 2))
        .mul(mask.expandDims(2)); // (S, L, F)
    NDArray max = h.max(new int[] {1});
    NDArray mean = h.sum(new int[] {1}).div(mask.sum(new int[] {1}, true).maximum(1f));
    return new NDList(max.concat(mean, 1));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape ids = inputShapes[0];
    words.initialize(manager, dataType, ids);
    for (int i = 0; i < widths.length; i++) {
      convolutions[i].initialize(manager, dataType,
          new Shape(ids.get(0), ids.get(1), widths[i] * words.dimension()));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), size())};
  }
}
