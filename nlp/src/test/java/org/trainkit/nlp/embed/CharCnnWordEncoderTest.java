package org.trainkit.nlp.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.loop.ModelRunner;
import org.trainkit.runtime.optim.Adam;

/** Shapes, padding invariance and a small learning task for the character CNN. */
class CharCnnWordEncoderTest {

  @TempDir Path dir;
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(1);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private static final List<String> WORDS = List.of("aspirin", "Fever", "of", "x");

  private float[] encode(CharCnnWordEncoder encoder, CharacterBatch batch) {
    return encoder.forward(new ParameterStore(manager, false),
        new NDList(batch.ids(), batch.lengths()), false).head().toFloatArray();
  }

  @Test
  void shapesAndPaddingInvariance() {
    CharacterVocabulary vocabulary = CharacterVocabulary.of(WORDS);
    CharCnnWordEncoder encoder = new CharCnnWordEncoder(vocabulary.size(), 8, 6, 3);
    CharacterBatch tight = vocabulary.encode(List.of(WORDS), 20, manager);
    assertEquals(new Shape(1, 4, 7), tight.ids().getShape());
    encoder.initialize(manager, DataType.FLOAT32, tight.ids().getShape(),
        tight.lengths().getShape());
    NDArray out = encoder.forward(new ParameterStore(manager, false),
        new NDList(tight.ids(), tight.lengths()), false).head();
    assertEquals(new Shape(1, 4, 6), out.getShape());
    float[] expected = out.toFloatArray();

    // The same words among longer padding: more characters per word (garbage ids past each
    // word's end), an extra padding word, and a second sentence.
    Random random = new Random(3);
    int chars = 12;
    int[] ids = new int[2 * 5 * chars];
    int[] lengths = new int[2 * 5];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = random.nextInt(vocabulary.size());
    }
    int[] tightIds = tight.ids().toIntArray();
    for (int w = 0; w < 4; w++) {
      lengths[w] = WORDS.get(w).length();
      System.arraycopy(tightIds, w * 7, ids, w * chars, lengths[w]);
    }
    lengths[5] = 3;
    NDArray paddedOut = encoder.forward(new ParameterStore(manager, false),
        new NDList(manager.create(ids, new Shape(2, 5, chars)),
            manager.create(lengths, new Shape(2, 5))), false).head();
    float[] padded = paddedOut.toFloatArray();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], padded[i], 1e-5f, "value " + i);
    }
    // A padding word (0 characters) is a zero vector.
    for (float v : paddedOut.get("0, 4").toFloatArray()) {
      assertEquals(0f, v, 0f);
    }
  }

  /**
   * The encoder's first form (before it was rewritten for fewer native calls): explicit zero
   * blocks around each word, the maximum over a transposed (N, F, C) copy, masks by selection.
   */
  private static NDArray firstForm(NDArray ids, NDArray lengths, NDArray table, NDArray weight,
      NDArray bias, int embeddingSize, int filters, int kernel) {
    Shape shape = ids.getShape();
    long batch = shape.get(0);
    long words = shape.get(1);
    long chars = shape.get(2);
    long n = batch * words;
    NDArray embeddings = Embedding.embedding(ids, table, SparseFormat.DENSE).head();
    NDArray inside = ids.getManager().arange(0, (int) chars, 1, DataType.INT64)
        .lt(lengths.reshape(n, 1)).toType(embeddings.getDataType(), false);
    NDArray x = embeddings.reshape(n, chars, embeddingSize).mul(inside.expandDims(2));
    int pad = kernel / 2;
    NDArray zeros = x.getManager().zeros(new Shape(n, pad, embeddingSize), x.getDataType());
    NDArray padded = zeros.concat(x, 1).concat(zeros, 1);
    NDList windows = new NDList(kernel);
    for (int o = 0; o < kernel; o++) {
      windows.add(padded.get(":, " + o + ":" + (o + chars) + ", :"));
    }
    NDArray h = Linear.linear(NDArrays.concat(windows, 2), weight, bias).head().transpose(0, 2, 1);
    Shape hShape = h.getShape();
    NDArray excluded = h.getManager().full(hShape, -1e30f, h.getDataType());
    NDArray pooled = NDArrays.where(inside.expandDims(1).gt(0).broadcast(hShape), h, excluded)
        .max(new int[] {2});
    NDArray hasCharacters = lengths.reshape(n, 1).gt(0).broadcast(pooled.getShape());
    return NDArrays.where(hasCharacters, pooled, pooled.zerosLike()).reshape(batch, words, filters);
  }

  @Test
  void givesTheFirstFormsOutputsBitForBitAndItsGradients() {
    int characters = 40;
    CharCnnWordEncoder encoder = new CharCnnWordEncoder(characters, 7, 9, 3);
    Random random = new Random(5);
    int batch = 3;
    int words = 6;
    int chars = 8;
    long[] ids = new long[batch * words * chars];
    long[] lengths = new long[batch * words];
    for (int w = 0; w < lengths.length; w++) {
      lengths[w] = w % 5 == 4 ? 0 : 1 + random.nextInt(chars); // some padding words, some full
    }
    for (int i = 0; i < ids.length; i++) {
      ids[i] = random.nextInt(characters); // garbage past each word's end too
    }
    NDArray idArray = manager.create(ids, new Shape(batch, words, chars));
    NDArray lengthArray = manager.create(lengths, new Shape(batch, words));
    encoder.initialize(manager, DataType.FLOAT32, idArray.getShape(), lengthArray.getShape());
    NDArray table = null;
    NDArray weight = null;
    NDArray bias = null;
    for (var p : encoder.getParameters()) {
      NDArray a = p.getValue().getArray();
      a.setRequiresGradient(true);
      switch (p.getKey()) {
        case "characters" -> table = a;
        case "01convolution_weight" -> weight = a;
        case "01convolution_bias" -> bias = a;
        default -> throw new AssertionError(p.getKey());
      }
    }
    NDArray upstream = manager.randomNormal(new Shape(batch, words, 9));
    float[] now;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray out = encoder.forward(new ParameterStore(manager, false),
          new NDList(idArray, lengthArray), true).head();
      now = out.toFloatArray();
      collector.backward(out.mul(upstream).sum());
    }
    float[][] nowGradients = {table.getGradient().toFloatArray(),
        weight.getGradient().toFloatArray(), bias.getGradient().toFloatArray()};
    NDArray[] leaves = {table.duplicate(), weight.duplicate(), bias.duplicate()};
    for (NDArray leaf : leaves) {
      leaf.setRequiresGradient(true);
    }
    float[] first;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray out = firstForm(idArray, lengthArray, leaves[0], leaves[1], leaves[2], 7, 9, 3);
      first = out.toFloatArray();
      collector.backward(out.mul(upstream).sum());
    }
    assertArrayEquals(first, now, "outputs");
    for (int k = 0; k < leaves.length; k++) {
      float[] expected = leaves[k].getGradient().toFloatArray();
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], nowGradients[k][i], 1e-5f * Math.max(1f, Math.abs(expected[i])),
            "gradient " + k + " value " + i);
      }
    }
  }

  @Test
  void vocabularyRoundTripsAndMapsUnknownCharacters() throws Exception {
    CharacterVocabulary vocabulary = CharacterVocabulary.of(WORDS);
    Path file = dir.resolve("chars.txt");
    vocabulary.save(file);
    CharacterVocabulary loaded = CharacterVocabulary.load(file);
    assertEquals(vocabulary.size(), loaded.size());
    for (int cp : "aspirinFeverofx".codePoints().toArray()) {
      assertEquals(vocabulary.id(cp), loaded.id(cp));
      assertTrue(vocabulary.id(cp) > CharacterVocabulary.UNKNOWN);
    }
    assertEquals(CharacterVocabulary.UNKNOWN, loaded.id('Z'));
  }

  /** Encoder → linear: capitalised or not. */
  private static final class CapitalClassifier extends AbstractBlock {
    private final CharCnnWordEncoder encoder;
    private final Linear output;

    CapitalClassifier(int characters) {
      super((byte) 1);
      encoder = addChildBlock("encoder", new CharCnnWordEncoder(characters, 8, 16, 3));
      output = addChildBlock("output", Linear.builder().setUnits(2).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
        PairList<String, Object> params) {
      NDArray words = encoder.forward(store, inputs, training).head();
      return output.forward(store, new NDList(words), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager m, DataType type, Shape... shapes) {
      encoder.initialize(m, type, shapes);
      output.initialize(m, type, encoder.getOutputShapes(shapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] shapes) {
      return output.getOutputShapes(encoder.getOutputShapes(shapes));
    }
  }

  /** Words over a-h, every other one capitalised (so training sees every capital). */
  private static List<String> words(Random random, int n) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder w = new StringBuilder();
      int length = 2 + random.nextInt(7);
      for (int c = 0; c < length; c++) {
        w.append((char) ('a' + random.nextInt(8)));
      }
      if (i % 2 == 0) {
        w.setCharAt(0, Character.toUpperCase(w.charAt(0)));
      }
      words.add(w.toString());
    }
    return words;
  }

  private static float accuracy(NDArray scores, List<String> words) {
    long[] predicted = scores.argMax(2).toLongArray();
    int right = 0;
    for (int i = 0; i < words.size(); i++) {
      int capital = Character.isUpperCase(words.get(i).charAt(0)) ? 1 : 0;
      right += predicted[i] == capital ? 1 : 0;
    }
    return right / (float) words.size();
  }

  @Test
  void learnsToTellCapitalisedWordsInAFewSteps() {
    Random random = new Random(7);
    List<String> train = words(random, 128);
    List<String> test = words(random, 200);
    List<String> alphabet = new ArrayList<>(train);
    alphabet.add("abcdefghABCDEFGH");
    CharacterVocabulary vocabulary = CharacterVocabulary.of(alphabet);
    CapitalClassifier model = new CapitalClassifier(vocabulary.size());
    try (ModelRunner runner = new ModelRunner(model, Device.cpu(), 42);
        Adam adam = Adam.adam(0.9f, 0.999f, 1e-8f, 0f);
        NDManager step = runner.manager().newSubManager()) {
      CharacterBatch batch = vocabulary.encode(List.of(train), 10, step);
      CharacterBatch held = vocabulary.encode(List.of(test), 10, step);
      int[] labels = new int[train.size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = Character.isUpperCase(train.get(i).charAt(0)) ? 1 : 0;
      }
      NDArray target = step.create(labels).oneHot(2).reshape(1, train.size(), 2);
      NDList inputs = new NDList(batch.ids(), batch.lengths());
      runner.initialize(inputs.getShapes());
      float before = accuracy(runner.forward(new NDList(held.ids(), held.lengths()), false)
          .head(), test);
      for (int i = 0; i < 30; i++) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray scores = runner.forward(inputs, true).head();
          NDArray loss = scores.logSoftmax(2).mul(target).sum().neg().div(train.size());
          collector.backward(loss);
        }
        adam.step(runner.gradients(), 0.05f, 1f);
      }
      float after = accuracy(runner.forward(new NDList(held.ids(), held.lengths()), false)
          .head(), test);
      assertTrue(before < 0.8f, "untrained accuracy " + before);
      assertTrue(after >= 0.95f, "accuracy after 30 steps " + after + " (before " + before + ")");
    }
  }
}
