package org.trainkit.examples.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The word CNN's padding invariance and the vocabulary it reads. */
class SentenceCnnTest {

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

  private float[] encode(SentenceCnn cnn, long[] ids, float[] mask, int rows, int length) {
    return cnn.forward(new ParameterStore(manager, false),
        new NDList(manager.create(ids, new Shape(rows, length)), manager.create(mask, new Shape(rows, length))),
        false).head().toFloatArray();
  }

  @Test
  void paddingNeverReachesTheOutputAndAnEmptySentenceIsZeros() {
    SentenceCnn cnn = new SentenceCnn(10, 4, 3, new int[] {1, 3});
    cnn.initialize(manager, DataType.FLOAT32, new Shape(1, 3), new Shape(1, 3));
    assertEquals(12, cnn.size());
    float[] tight = encode(cnn, new long[] {2, 5, 7}, new float[] {1, 1, 1}, 1, 3);
    assertEquals(12, tight.length);
    // The same sentence padded to 6 with garbage ids past its end, and a sentence without words.
    float[] padded = encode(cnn, new long[] {2, 5, 7, 9, 9, 9, 4, 4, 4, 4, 4, 4},
        new float[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 2, 6);
    float[] first = java.util.Arrays.copyOfRange(padded, 0, 12);
    assertArrayEquals(tight, first, 1e-6f);
    assertArrayEquals(new float[12], java.util.Arrays.copyOfRange(padded, 12, 24), 0f);
    // the maximum is never below the mean (ReLU features)
    for (int f = 0; f < 6; f++) {
      assertTrue(tight[f] >= tight[6 + f] - 1e-6f, "max " + tight[f] + " < mean " + tight[6 + f]);
    }
  }

  @Test
  void theVocabularyKeepsWordsSeenTwiceFoldsDigitsAndSurvivesASave() throws Exception {
    WordVocabulary vocabulary = WordVocabulary.fit(List.of(
        "Results: 12 of 30 patients improved.", "Most patients improved in 45 days", "Rare word"));
    assertEquals(List.of("patients", "improved", "00", "."), WordVocabulary.tokens("Patients improved 45."));
    int[] ids = vocabulary.encode("Patients improved 45 rare");
    assertEquals(4, ids.length);
    assertTrue(ids[0] > WordVocabulary.UNKNOWN && ids[1] > WordVocabulary.UNKNOWN && ids[2] > WordVocabulary.UNKNOWN);
    assertEquals(WordVocabulary.UNKNOWN, ids[3]); // seen once
    vocabulary.save(dir);
    WordVocabulary read = WordVocabulary.read(dir);
    assertEquals(vocabulary.size(), read.size());
    assertArrayEquals(ids, read.encode("Patients improved 45 rare"));
    assertEquals(2, WordVocabulary.read(dir.resolve("none")).size());
  }
}
