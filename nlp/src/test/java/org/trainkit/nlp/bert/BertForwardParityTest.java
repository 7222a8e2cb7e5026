package org.trainkit.nlp.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Java forward of both heads equals the logits real {@code transformers} computed in eval
 * mode for the same checkpoint and the same padded batch.
 */
class BertForwardParityTest {

  private static final float TOLERANCE = 1e-4f;

  @Test
  void tokenClassifierMatchesTransformers() {
    Fixtures.Recorded recorded = Fixtures.Recorded.of("token-model");
    BertCheckpoint checkpoint = BertCheckpoint.open(Fixtures.tokenModel());
    assertTrue(hasPadding(recorded.mask()), "the recorded batch must contain padding");
    try (NDManager manager = NDManager.newBaseManager()) {
      BertTokenClassifier model = new BertTokenClassifier(checkpoint.config());
      model.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, recorded.inputShape(),
          recorded.inputShape(), recorded.inputShape());
      LoadReport report = checkpoint.loadInto(model);
      assertEquals(List.of(), report.newParameters(), report.describe());
      assertEquals(List.of(), report.unused(), report.describe());
      assertEquals(model.huggingFaceParameters().size(), report.loaded().size());

      float[] logits = Fixtures.logits(manager, model, recorded.inputs(manager));
      float difference = Fixtures.maxAbsDifference(logits, recorded.logits());
      assertTrue(difference < TOLERANCE, "max |java - transformers| = " + difference);
    }
  }

  @Test
  void sequenceClassifierMatchesTransformers() {
    Fixtures.Recorded recorded = Fixtures.Recorded.of("sequence-model");
    BertCheckpoint checkpoint = BertCheckpoint.open(Fixtures.sequenceModel());
    assertTrue(hasPadding(recorded.mask()), "the recorded batch must contain padding");
    try (NDManager manager = NDManager.newBaseManager()) {
      BertSequenceClassifier model = Fixtures.load(manager, checkpoint,
          new BertSequenceClassifier(checkpoint.config()), recorded.inputShape());
      float[] logits = Fixtures.logits(manager, model, recorded.inputs(manager));
      assertArrayEquals(recorded.logitsShape(), new long[] {recorded.inputIds().length, 3});
      float difference = Fixtures.maxAbsDifference(logits, recorded.logits());
      assertTrue(difference < TOLERANCE, "max |java - transformers| = " + difference);
    }
  }

  @Test
  void dropoutActsOnlyInTraining() {
    Fixtures.Recorded recorded = Fixtures.Recorded.of("token-model");
    BertCheckpoint checkpoint = BertCheckpoint.open(Fixtures.tokenModel());
    try (NDManager manager = NDManager.newBaseManager()) {
      BertTokenClassifier model = Fixtures.load(manager, checkpoint,
          new BertTokenClassifier(checkpoint.config()), recorded.inputShape());
      ai.djl.training.ParameterStore store = new ai.djl.training.ParameterStore(manager, false);
      float[] training1 = model.forward(store, recorded.inputs(manager), true).head()
          .toFloatArray();
      float[] training2 = model.forward(store, recorded.inputs(manager), true).head()
          .toFloatArray();
      float[] eval = Fixtures.logits(manager, model, recorded.inputs(manager));
      assertTrue(Fixtures.maxAbsDifference(training1, training2) > 1e-3f,
          "two training passes must drop different units");
      assertTrue(Fixtures.maxAbsDifference(training1, recorded.logits()) > 1e-3f);
      assertArrayEquals(eval, Fixtures.logits(manager, model, recorded.inputs(manager)),
          "evaluation is deterministic");
    }
  }

  private static boolean hasPadding(long[][] mask) {
    for (long[] row : mask) {
      for (long m : row) {
        if (m == 0) {
          return true;
        }
      }
    }
    return false;
  }
}
