package org.trainkit.nlp.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A word's vector from its characters (Ma &amp; Hovy 2016): character embeddings, a
 * convolution over them, and the maximum of each filter over the word's true characters.
 *
 * <p>The forward is written for few native calls a batch (it runs once per training step over
 * every word): one pad, one linear layer over the windows, the maximum over the characters
 * axis in place. {@code CharCnnWordEncoderTest} checks it against the first, plainer form
 * (explicit zero blocks, a transposed maximum, masks by selection): the same outputs bit for
 * bit, the same gradients up to float rounding.
 *
 * <p>Inputs: character ids {@code (B, W, C)} and characters per word {@code (B, W)} (see
 * {@link CharacterVocabulary#encode}). Output: {@code (B, W, filters)}. Padding cannot leak in:
 * embeddings past a word's end are zeroed before the convolution (so the last characters see
 * the same zeros as at the word's start), positions past the end are left out of the maximum,
 * and a padding word (0 characters) gets a zero vector.
 */
public final class CharCnnWordEncoder extends AbstractBlock {

  /** What positions past a word's end hold in the maximum, so it never picks them. */
  private static final float EXCLUDED = -1e30f;

  private final int characters;
  private final int embeddingSize;
  private final int filters;
  private final Parameter table;
  private final int kernel;
  private final Linear convolution;

  /**
   * @param characters number of character ids ({@link CharacterVocabulary#size})
   * @param embeddingSize size of a character embedding (e.g. 30)
   * @param filters output size (e.g. 50)
   * @param kernel characters each filter sees, odd (e.g. 3)
   */
  public CharCnnWordEncoder(int characters, int embeddingSize, int filters, int kernel) {
    super((byte) 1);
    if (kernel < 1 || kernel % 2 == 0) {
      throw new IllegalArgumentException("kernel must be odd and >= 1, got " + kernel);
    }
    this.characters = characters;
    this.embeddingSize = embeddingSize;
    this.filters = filters;
    this.table = addParameter(
        Parameter.builder()
            .setName("characters")
            .setType(Parameter.Type.WEIGHT)
            .optShape(new Shape(characters, embeddingSize))
            .optInitializer(new NormalInitializer(0.1f))
            .build());
    this.kernel = kernel;
    // The convolution as a linear layer over each character's window of embeddings: DJL's
    // Conv1d on these small inputs now and then gave NaN outputs and gradients from finite
    // inputs (not reproducible run to run), which this form never did.
    this.convolution = addChildBlock("convolution", Linear.builder().setUnits(filters).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.get(0).toType(DataType.INT64, false);
    NDArray lengths = inputs.get(1).toType(DataType.INT64, false);
    Shape shape = ids.getShape();
    long batch = shape.get(0);
    long words = shape.get(1);
    long chars = shape.get(2);
    long n = batch * words;

    NDArray embeddings = Embedding.embedding(
        ids, store.getValue(table, ids.getDevice(), training), SparseFormat.DENSE).head();
    NDArray inside = ids.getManager().arange(0, (int) chars, 1, DataType.INT64)
        .lt(lengths.reshape(n, 1))
        .toType(embeddings.getDataType(), false); // (N, C)
    NDArray x = embeddings.reshape(n, chars, embeddingSize).mul(inside.expandDims(2)); // (N, C, D)
    int pad = kernel / 2;
    NDArray padded = pad == 0 ? x : x.pad(new Shape(0, 0, pad, pad), 0); // zeros around each word
    NDList windows = new NDList(kernel);
    for (int o = 0; o < kernel; o++) {
      windows.add(padded.get(":, " + o + ":" + (o + chars) + ", :"));
    }
    NDArray h = convolution.forward(store, new NDList(NDArrays.concat(windows, 2)), training).head(); // (N, C, F)
    // Positions past a word's end get EXCLUDED added (inside, exactly 0 is added), so they never
    // win the maximum and get no gradient; a word without characters gets zeros by selection.
    // The maximum runs over the characters in place: no transposed copy, no (N, C, F) fill.
    NDArray penalty = inside.sub(1f).mul(-EXCLUDED).expandDims(2); // (N, C, 1)
    NDArray pooled = h.add(penalty).max(new int[] {1}); // (N, F)
    NDArray hasCharacters = lengths.reshape(n, 1).gt(0).broadcast(pooled.getShape());
    NDArray out = NDArrays.where(hasCharacters, pooled, pooled.zerosLike());
    return new NDList(out.reshape(batch, words, filters));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape ids = inputShapes[0];
    convolution.initialize(manager, dataType,
        new Shape(ids.get(0) * ids.get(1), ids.get(2), (long) kernel * embeddingSize));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape ids = inputShapes[0];
    return new Shape[] {new Shape(ids.get(0), ids.get(1), filters)};
  }

  public int characters() {
    return characters;
  }

  public int filters() {
    return filters;
  }
}
