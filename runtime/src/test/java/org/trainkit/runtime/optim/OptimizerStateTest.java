package org.trainkit.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trainkit.runtime.optim.OptimTestSupport.parameter;
import static org.trainkit.runtime.optim.OptimTestSupport.trainStep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.OptimizerType;

/** Saving and loading optimizer state: exact resume, and clear refusals. */
class OptimizerStateTest {

  private static final float[] A0 = {0.5f, -1f, 2f, 0.1f, 0.2f, -0.3f};
  private static final float[] B0 = {1f, -2f, 3f};
  private static final float[] LRS = {0.1f, 0.07f, 0.05f, 0.03f, 0.02f};
  private static final float SCALE = 0.5f;

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private Map<String, NDArray> model(float[] a, float[] b) {
    Map<String, NDArray> params = new LinkedHashMap<>();
    params.put("01Linear_weight", parameter(manager, a, new Shape(2, 3)));
    params.put("01Linear_bias", parameter(manager, b, new Shape(3)));
    return params;
  }

  private static byte[] save(StatefulOptimizer optimizer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      optimizer.save(out);
    }
    return bytes.toByteArray();
  }

  private void load(StatefulOptimizer optimizer, byte[] state, Map<String, NDArray> params)
      throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      optimizer.load(in, OptimTestSupport.gradients(params), manager);
    }
  }

  /** 3 steps, save, load into a fresh optimizer and model copy, 2 steps == 5 steps. */
  private void assertResumesExactly(Supplier<StatefulOptimizer> factory) throws IOException {
    StatefulOptimizer straight = factory.get();
    Map<String, NDArray> reference = model(A0, B0);
    for (float lr : LRS) {
      trainStep(straight, reference, lr, SCALE);
    }

    StatefulOptimizer first = factory.get();
    Map<String, NDArray> interrupted = model(A0, B0);
    for (int i = 0; i < 3; i++) {
      trainStep(first, interrupted, LRS[i], SCALE);
    }
    byte[] state = save(first);
    Map<String, NDArray> resumed =
        model(
            interrupted.get("01Linear_weight").toFloatArray(),
            interrupted.get("01Linear_bias").toFloatArray());
    StatefulOptimizer second = factory.get();
    load(second, state, resumed);
    assertEquals(3, second.updates());
    for (int i = 3; i < LRS.length; i++) {
      trainStep(second, resumed, LRS[i], SCALE);
    }

    assertEquals(5, second.updates());
    for (String name : reference.keySet()) {
      float[] expected = reference.get(name).toFloatArray();
      float[] actual = resumed.get(name).toFloatArray();
      assertTrue(
          Arrays.equals(expected, actual),
          name + ": " + Arrays.toString(expected) + " != " + Arrays.toString(actual));
    }
    // And the state matters: a fresh optimizer would not land there.
    Map<String, NDArray> cold =
        model(
            interrupted.get("01Linear_weight").toFloatArray(),
            interrupted.get("01Linear_bias").toFloatArray());
    StatefulOptimizer fresh = factory.get();
    for (int i = 3; i < LRS.length; i++) {
      trainStep(fresh, cold, LRS[i], SCALE);
    }
    assertFalse(
        Arrays.equals(
            reference.get("01Linear_weight").toFloatArray(),
            cold.get("01Linear_weight").toFloatArray()));
  }

  @Test
  void adamResumesBitwise() throws IOException {
    assertResumesExactly(() -> Adam.adam(0.9f, 0.999f, 1e-8f, 0.01f));
  }

  @Test
  void adamWResumesBitwise() throws IOException {
    assertResumesExactly(() -> Adam.adamW(0.9f, 0.999f, 1e-8f, 0.01f));
  }

  @Test
  void sgdWithMomentumResumesBitwise() throws IOException {
    assertResumesExactly(() -> new Sgd(0.9f, false, 0.01f));
  }

  @Test
  void sgdWithNesterovResumesBitwise() throws IOException {
    assertResumesExactly(() -> new Sgd(0.9f, true, 0.01f));
  }

  @Test
  void stateSavedBeforeTheFirstStepLoads() throws IOException {
    byte[] state = save(Adam.adam(0.9f, 0.999f, 1e-8f, 0f));
    Adam adam = Adam.adam(0.9f, 0.999f, 1e-8f, 0f);
    load(adam, state, model(A0, B0));
    assertEquals(0, adam.updates());
  }

  private byte[] adamStateAfterOneStep(Map<String, NDArray> params) throws IOException {
    Adam adam = Adam.adam(0.9f, 0.999f, 1e-8f, 0f);
    trainStep(adam, params, 0.1f, 1f);
    return save(adam);
  }

  private String loadFailure(
      StatefulOptimizer optimizer, byte[] state, Map<String, NDArray> params) {
    return assertThrows(IOException.class, () -> load(optimizer, state, params)).getMessage();
  }

  @Test
  void rejectsAParameterOfAnotherShape() throws IOException {
    byte[] state = adamStateAfterOneStep(model(A0, B0));
    Map<String, NDArray> other = model(A0, B0);
    other.put("01Linear_weight", parameter(manager, A0, new Shape(3, 2)));
    assertEquals(
        "optimizer state holds parameter '01Linear_weight' with shape (2, 3) but the model's is"
            + " (3, 2)",
        loadFailure(Adam.adam(0.9f, 0.999f, 1e-8f, 0f), state, other));
  }

  @Test
  void rejectsAParameterTheModelDoesNotHave() throws IOException {
    byte[] state = adamStateAfterOneStep(model(A0, B0));
    Map<String, NDArray> other = new LinkedHashMap<>();
    other.put("01Linear_weight", parameter(manager, A0, new Shape(2, 3)));
    other.put("02Linear_bias", parameter(manager, B0, new Shape(3)));
    assertEquals(
        "optimizer state holds parameter '01Linear_bias' which the model does not have",
        loadFailure(Adam.adam(0.9f, 0.999f, 1e-8f, 0f), state, other));
  }

  @Test
  void rejectsAModelWithAParameterTheStateLacks() throws IOException {
    Map<String, NDArray> small = new LinkedHashMap<>();
    small.put("01Linear_weight", parameter(manager, A0, new Shape(2, 3)));
    byte[] state = adamStateAfterOneStep(small);
    assertEquals(
        "the model's parameter '01Linear_bias' has no state in the optimizer state",
        loadFailure(Adam.adam(0.9f, 0.999f, 1e-8f, 0f), state, model(A0, B0)));
  }

  @Test
  void rejectsAnotherOptimizersState() throws IOException {
    byte[] state = adamStateAfterOneStep(model(A0, B0));
    assertEquals(
        "optimizer state was written by adam but the configured optimizer is sgd",
        loadFailure(new Sgd(0.9f, false, 0f), state, model(A0, B0)));
    assertEquals(
        "optimizer state was written by adam but the configured optimizer is adamw",
        loadFailure(Adam.adamW(0.9f, 0.999f, 1e-8f, 0f), state, model(A0, B0)));
  }

  @Test
  void rejectsMomentumBuffersWhenMomentumIsOff() throws IOException {
    Map<String, NDArray> params = model(A0, B0);
    Sgd withMomentum = new Sgd(0.9f, false, 0f);
    trainStep(withMomentum, params, 0.1f, 1f);
    assertEquals(
        "optimizer state holds momentum buffers but the configured SGD has momentum 0",
        loadFailure(new Sgd(0f, false, 0f), save(withMomentum), model(A0, B0)));
  }

  @Test
  void rejectsGarbageAndTruncatedStreams() throws IOException {
    Adam adam = Adam.adam(0.9f, 0.999f, 1e-8f, 0f);
    assertEquals(
        "not trainkit optimizer state (wrong magic number)",
        loadFailure(adam, "hello, world".getBytes(), model(A0, B0)));
    byte[] state = adamStateAfterOneStep(model(A0, B0));
    assertEquals(
        "optimizer state is truncated",
        loadFailure(adam, Arrays.copyOf(state, state.length - 10), model(A0, B0)));
  }

  @Test
  void aFailedLoadKeepsTheCurrentState() throws IOException {
    Map<String, NDArray> params = model(A0, B0);
    Adam adam = Adam.adam(0.9f, 0.999f, 1e-8f, 0f);
    trainStep(adam, params, 0.1f, 1f);
    byte[] before = save(adam);
    Map<String, NDArray> other = model(A0, B0);
    other.put("01Linear_weight", parameter(manager, A0, new Shape(3, 2)));
    loadFailure(adam, before, other);
    assertArrayEquals(before, save(adam));
  }

  @Test
  void fromConfigBuildsTheConfiguredOptimizer() throws IOException {
    TrainerConfig adamConfig = TrainerConfig.builder().optimizer(OptimizerType.ADAM).build();
    Adam adam = assertInstanceOf(Adam.class, StatefulOptimizer.fromConfig(adamConfig));
    assertFalse(adam.decoupled());

    TrainerConfig adamWConfig = TrainerConfig.builder().optimizer(OptimizerType.ADAMW).build();
    assertTrue(
        assertInstanceOf(Adam.class, StatefulOptimizer.fromConfig(adamWConfig)).decoupled());

    TrainerConfig sgdConfig =
        TrainerConfig.builder()
            .optimizer(OptimizerType.SGD)
            .momentum(0.5)
            .nesterov(true)
            .weightDecay(0.01)
            .build();
    assertInstanceOf(Sgd.class, StatefulOptimizer.fromConfig(sgdConfig));
    // The configured hyper-parameters are the ones in force: same trajectory as built by hand.
    Map<String, NDArray> byConfig = model(A0, B0);
    Map<String, NDArray> byHand = model(A0, B0);
    StatefulOptimizer configured = StatefulOptimizer.fromConfig(sgdConfig);
    Sgd hand = new Sgd(0.5f, true, 0.01f);
    for (float lr : LRS) {
      trainStep(configured, byConfig, lr, 1f);
      trainStep(hand, byHand, lr, 1f);
    }
    assertArrayEquals(
        byHand.get("01Linear_weight").toFloatArray(),
        byConfig.get("01Linear_weight").toFloatArray());
    assertArrayEquals(save(hand), save(configured));
  }
}
