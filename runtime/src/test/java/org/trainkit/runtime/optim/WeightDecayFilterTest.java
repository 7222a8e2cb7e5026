package org.trainkit.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trainkit.runtime.optim.OptimTestSupport.W0;
import static org.trainkit.runtime.optim.OptimTestSupport.adamReference;
import static org.trainkit.runtime.optim.OptimTestSupport.assertClose;
import static org.trainkit.runtime.optim.OptimTestSupport.parameter;
import static org.trainkit.runtime.optim.OptimTestSupport.sgdReference;
import static org.trainkit.runtime.optim.OptimTestSupport.trainStep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weight decay per parameter: a parameter the filter refuses moves exactly as with no decay at
 * all, one it accepts exactly as with decay (PyTorch's rule in both cases).
 */
class WeightDecayFilterTest {

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private Map<String, NDArray> twoParameters() {
    Map<String, NDArray> params = new LinkedHashMap<>();
    params.put("01layer_weight", parameter(manager, W0, new Shape(3)));
    params.put("01layer_bias", parameter(manager, W0, new Shape(3)));
    params.put("02norm_gamma", parameter(manager, W0, new Shape(3)));
    return params;
  }

  @Test
  void adamWDecaysOnlyWhatTheFilterAccepts() {
    float[] lrs = {0.1f, 0.05f, 0.02f};
    Adam adam = new Adam(0.8f, 0.95f, 0.1f, 0.5f, true, WeightDecayFilter.NOT_BIASES_OR_NORMS);
    Map<String, NDArray> params = twoParameters();
    for (float lr : lrs) {
      trainStep(adam, params, lr, 0.5f);
    }
    double[] decayed = adamReference(W0, lrs, 0.5, 0.8, 0.95, 0.1, 0.5, true);
    double[] plain = adamReference(W0, lrs, 0.5, 0.8, 0.95, 0.1, 0, true);
    assertClose(decayed, params.get("01layer_weight").toFloatArray(), 1e-5);
    assertClose(plain, params.get("01layer_bias").toFloatArray(), 1e-5);
    assertClose(plain, params.get("02norm_gamma").toFloatArray(), 1e-5);
    assertTrue(OptimTestSupport.maxDifference(decayed, plain) > 1e-3, "the check can fail");
  }

  @Test
  void sgdDecaysOnlyWhatTheFilterAccepts() {
    float[] lrs = {0.1f, 0.05f, 0.02f};
    for (float momentum : new float[] {0f, 0.9f}) {
      Sgd sgd = new Sgd(momentum, false, 0.5f, WeightDecayFilter.NOT_BIASES_OR_NORMS);
      Map<String, NDArray> params = twoParameters();
      for (float lr : lrs) {
        trainStep(sgd, params, lr, 0.5f);
      }
      double[] decayed = sgdReference(W0, lrs, 0.5, momentum, false, 0.5);
      double[] plain = sgdReference(W0, lrs, 0.5, momentum, false, 0);
      assertClose(decayed, params.get("01layer_weight").toFloatArray(), 1e-5);
      assertClose(plain, params.get("01layer_bias").toFloatArray(), 1e-5);
      assertClose(plain, params.get("02norm_gamma").toFloatArray(), 1e-5);
    }
  }

  @Test
  void theFineTuningRuleNamesBiasesAndNormalizationParameters() {
    WeightDecayFilter rule = WeightDecayFilter.NOT_BIASES_OR_NORMS;
    assertTrue(rule.decays("01model_01bert_02layer0_01query_weight"));
    assertTrue(rule.decays("01model_01bert_01embeddings_01word_embedding"));
    assertFalse(rule.decays("01model_01bert_02layer0_01query_bias"));
    assertFalse(rule.decays("01model_01bert_01embeddings_03LayerNorm_gamma"));
    assertFalse(rule.decays("01model_01bert_01embeddings_03LayerNorm_beta"));
    assertTrue(WeightDecayFilter.ALL.decays("01layer_bias"));
  }
}
