package org.trainkit.nlp.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.loop.ModelRunner;
import org.trainkit.runtime.optim.Adam;

/**
 * The table starts from the vectors, and a frozen one survives real optimizer steps (trainkit's
 * {@link ModelRunner} and {@link Adam}) bit for bit while a fine-tuned one moves.
 */
class PretrainedEmbeddingTest {

  @TempDir Path dir;

  private static final List<String> VOCABULARY = List.of("<pad>", "the", "Aspirin", "xyzzy");

  private WordVectors vectors() throws IOException {
    Path file = Files.writeString(dir.resolve("glove.txt"),
        "the 0.5 -1 2 0.25\naspirin 3 1.5 -2 0\nfever 1 1 1 1\n");
    return WordVectors.load(file, VOCABULARY);
  }

  /** Trains embedding → linear for a few Adam steps; returns the table before and after. */
  private float[][] train(boolean trainable) throws IOException {
    PretrainedEmbedding embedding = new PretrainedEmbedding(VOCABULARY, vectors(), trainable);
    SequentialBlock block = new SequentialBlock()
        .add(embedding)
        .add(Linear.builder().setUnits(1).build());
    try (ModelRunner runner = new ModelRunner(block, Device.cpu(), 42);
        Adam adam = Adam.adam(0.9f, 0.999f, 1e-8f, 0f);
        NDManager step = runner.manager().newSubManager()) {
      NDArray ids = step.create(new int[] {1, 2, 3, 0});
      NDArray target = step.create(new float[] {1, -1, 2, 0}).reshape(4, 1);
      runner.initialize(ids.getShape());
      float[] before = embedding.weight().getArray().toFloatArray();
      float[] linearBefore = block.getChildren().get(1).getValue().getParameters().get(0)
          .getValue().getArray().toFloatArray();
      for (int i = 0; i < 3; i++) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray out = runner.forward(new NDList(ids), true).head();
          collector.backward(out.sub(target).square().mean());
        }
        adam.step(runner.gradients(), 0.1f, 1f);
      }
      float[] linearAfter = block.getChildren().get(1).getValue().getParameters().get(0)
          .getValue().getArray().toFloatArray();
      assertFalse(Arrays.equals(linearBefore, linearAfter), "the linear layer must train");
      return new float[][] {before, embedding.weight().getArray().toFloatArray()};
    }
  }

  @Test
  void rowsStartFromTheVectors() throws IOException {
    PretrainedEmbedding embedding = new PretrainedEmbedding(VOCABULARY, vectors(), true);
    assertEquals(2, embedding.covered());
    float[] table = train(false)[0];
    assertArrayEquals(new float[] {0.5f, -1f, 2f, 0.25f}, Arrays.copyOfRange(table, 4, 8));
    assertArrayEquals(new float[] {3f, 1.5f, -2f, 0f}, Arrays.copyOfRange(table, 8, 12),
        "Aspirin by its lower case");
    float[] missing = Arrays.copyOfRange(table, 12, 16);
    assertFalse(Arrays.equals(new float[4], missing), "a word without a vector starts random");
  }

  @Test
  void frozenTableGetsNoUpdateFromTheOptimizer() throws IOException {
    float[][] table = train(false);
    assertArrayEquals(table[0], table[1]);
  }

  @Test
  void fineTunedTableMoves() throws IOException {
    float[][] table = train(true);
    assertFalse(Arrays.equals(table[0], table[1]));
    // Row 0 (<pad>) is used too; every used row moves.
    for (int row = 0; row < 4; row++) {
      int r = row;
      assertTrue(
          !Arrays.equals(Arrays.copyOfRange(table[0], 4 * r, 4 * r + 4),
              Arrays.copyOfRange(table[1], 4 * r, 4 * r + 4)), "row " + row);
    }
  }
}
