package org.trainkit.nlp.bert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parity comparison can fail: the mistakes a port of BERT typically makes — query and key
 * swapped, a weight used transposed, the wrong LayerNorm eps — each move the logits far beyond
 * the 1e-4 tolerance of {@link BertForwardParityTest}.
 */
class BertParitySensitivityTest {

  private static final float TOLERANCE = 1e-4f;
  private static final String LAYER = "bert.encoder.layer.0.";

  @Test
  void swappedQueryAndKeyDoNotMatch() {
    assertMismatch(checkpoint().config(), params -> {
      swap(params.get(LAYER + "attention.self.query.weight"),
          params.get(LAYER + "attention.self.key.weight"));
      swap(params.get(LAYER + "attention.self.query.bias"),
          params.get(LAYER + "attention.self.key.bias"));
    });
  }

  @Test
  void transposedWeightDoesNotMatch() {
    assertMismatch(checkpoint().config(), params -> {
      NDArray w = params.get(LAYER + "attention.output.dense.weight").getArray();
      w.set(w.transpose().duplicate().toFloatArray());
    });
  }

  @Test
  void changedLayerNormEpsDoesNotMatch() {
    BertConfig c = checkpoint().config();
    BertConfig otherEps = new BertConfig(c.vocabSize(), c.hiddenSize(), c.numHiddenLayers(),
        c.numAttentionHeads(), c.intermediateSize(), c.maxPositionEmbeddings(), c.typeVocabSize(),
        1e-3f, c.hiddenDropoutProb(), c.attentionProbsDropoutProb(), c.classifierDropoutProb(),
        c.labels(), c.raw());
    assertMismatch(otherEps, params -> {});
  }

  private static BertCheckpoint checkpoint() {
    return BertCheckpoint.open(Fixtures.tokenModel());
  }

  private static void swap(Parameter a, Parameter b) {
    float[] first = a.getArray().toFloatArray();
    a.getArray().set(b.getArray().toFloatArray());
    b.getArray().set(first);
  }

  private static void assertMismatch(BertConfig config,
      java.util.function.Consumer<Map<String, Parameter>> damage) {
    Fixtures.Recorded recorded = Fixtures.Recorded.of("token-model");
    try (NDManager manager = NDManager.newBaseManager()) {
      BertTokenClassifier model = Fixtures.load(manager, checkpoint(),
          new BertTokenClassifier(config), recorded.inputShape());
      damage.accept(model.huggingFaceParameters());
      float[] logits = Fixtures.logits(manager, model, recorded.inputs(manager));
      float difference = Fixtures.maxAbsDifference(logits, recorded.logits());
      System.out.println("damaged model: max |java - transformers| = " + difference);
      assertTrue(difference > 10 * TOLERANCE, "damage went unnoticed: " + difference);
    }
  }
}
