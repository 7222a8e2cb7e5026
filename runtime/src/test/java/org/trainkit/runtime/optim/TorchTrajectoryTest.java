package org.trainkit.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.trainkit.runtime.optim.StatefulOptimizer.ParameterGradient;

/**
 * trainkit's optimizers (and schedules) against trajectories recorded from real PyTorch by
 * {@code runtime/src/test/python/optimizer_trajectories.py} into {@code
 * optim/torch_trajectories.txt}: Adam, AdamW, SGD with momentum and with Nesterov momentum, all
 * with weight decay, and two runs driven by a cosine and a step schedule — 25 steps each, on two
 * parameters with the gradient {@code c * w + e} (float32, a multiply then an add: the same bits
 * in Java and in torch). Every parameter value after every step is within a relative 1e-6 of
 * torch's.
 */
class TorchTrajectoryTest {

  private static final String FIXTURE = "/optim/torch_trajectories.txt";
  private static final double TOLERANCE = 1e-6;

  /** The problem and cases of the fixture. */
  private record Fixture(
      int steps, Map<String, Shape> shapes, float[] c, float[] e, float[] w0, List<Case> cases) {}

  /** One recorded run: its hyper-parameters, torch's rates, and the values after each step. */
  private record Case(String name, Map<String, String> settings, double[] rates, List<float[]> steps) {
    @Override
    public String toString() {
      return name;
    }

    double number(String key) {
      String value = settings.get(key);
      if (value == null) {
        throw new IllegalStateException(FIXTURE + ": case " + name + " has no " + key);
      }
      return Double.parseDouble(value);
    }
  }

  static Stream<Case> cases() throws IOException {
    return fixture().cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyStepMatchesPyTorch(Case recorded) throws IOException {
    Fixture fixture = fixture();
    LearningRateSchedule schedule = schedule(recorded, fixture.steps());
    try (NDManager manager = NDManager.newBaseManager();
        AutoCloseable optimizer = (AutoCloseable) optimizer(recorded)) {
      Map<String, NDArray> parameters = new LinkedHashMap<>();
      int offset = 0;
      for (Map.Entry<String, Shape> p : fixture.shapes().entrySet()) {
        int n = Math.toIntExact(p.getValue().size());
        NDArray weight = manager.create(Arrays.copyOfRange(fixture.w0(), offset, offset + n), p.getValue());
        weight.setRequiresGradient(true);
        parameters.put(p.getKey(), weight);
        offset += n;
      }
      assertRow(recorded, 0, recorded.steps().get(0), values(parameters));
      for (int step = 1; step <= fixture.steps(); step++) {
        double rate = schedule.learningRate(step - 1);
        assertEquals(recorded.rates()[step - 1], rate, 1e-12 * recorded.rates()[step - 1],
            recorded.name() + ": learning rate of step " + step);
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          List<ParameterGradient> gradients = gradients(manager, parameters, fixture);
          ((StatefulOptimizer) optimizer).step(gradients, (float) rate, 1f);
        }
        assertRow(recorded, step, recorded.steps().get(step), values(parameters));
      }
    } catch (Exception e) {
      if (e instanceof IOException) {
        throw (IOException) e;
      }
      throw new IllegalStateException(e);
    }
  }

  /** g = c * w + e, in float32, one rounding after the multiply and one after the add. */
  private static List<ParameterGradient> gradients(
      NDManager manager, Map<String, NDArray> parameters, Fixture fixture) {
    List<ParameterGradient> list = new ArrayList<>();
    int offset = 0;
    for (Map.Entry<String, NDArray> p : parameters.entrySet()) {
      float[] w = p.getValue().toFloatArray();
      float[] g = new float[w.length];
      for (int i = 0; i < w.length; i++) {
        float product = fixture.c()[offset + i] * w[i];
        g[i] = product + fixture.e()[offset + i];
      }
      offset += w.length;
      list.add(new ParameterGradient(p.getKey(), p.getValue(), manager.create(g, p.getValue().getShape())));
    }
    return list;
  }

  private static float[] values(Map<String, NDArray> parameters) {
    List<Float> all = new ArrayList<>();
    parameters.values().forEach(p -> {
      for (float v : p.toFloatArray()) {
        all.add(v);
      }
    });
    float[] out = new float[all.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i);
    }
    return out;
  }

  private static void assertRow(Case recorded, int step, float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, recorded.name() + ": parameter count");
    for (int i = 0; i < expected.length; i++) {
      double relative = Math.abs((double) actual[i] - expected[i]) / Math.abs(expected[i]);
      assertTrue(relative <= TOLERANCE,
          recorded.name() + ", step " + step + ", value " + i + ": trainkit " + actual[i]
              + ", torch " + expected[i] + " (relative error " + relative + ")");
    }
  }

  private static StatefulOptimizer optimizer(Case c) {
    float wd = (float) c.number("weight_decay");
    switch (c.settings().get("optimizer")) {
      case "adam":
        return Adam.adam((float) c.number("beta1"), (float) c.number("beta2"), (float) c.number("eps"), wd);
      case "adamw":
        return Adam.adamW((float) c.number("beta1"), (float) c.number("beta2"), (float) c.number("eps"), wd);
      case "sgd":
        return new Sgd((float) c.number("momentum"), c.number("nesterov") == 1, wd);
      default:
        throw new IllegalStateException(FIXTURE + ": unknown optimizer in case " + c.name());
    }
  }

  /** torch's CosineAnnealingLR over t_max steps and StepLR are trainkit's cosine and step decay. */
  private static LearningRateSchedule schedule(Case c, int steps) {
    String kind = c.settings().getOrDefault("schedule", "constant");
    switch (kind) {
      case "constant":
        return LearningRateSchedule.constant(c.number("lr"), 0);
      case "cosine":
        return LearningRateSchedule.cosine(c.number("lr"), 0, (long) c.number("t_max"), c.number("min_lr"));
      case "step":
        return LearningRateSchedule.stepDecay(c.number("lr"), 0, (int) c.number("step_size"), c.number("gamma"));
      default:
        throw new IllegalStateException(FIXTURE + ": unknown schedule " + kind);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The fixture

  private static Fixture fixture() throws IOException {
    List<String> lines;
    try (InputStream in = TorchTrajectoryTest.class.getResourceAsStream(FIXTURE)) {
      if (in == null) {
        throw new IOException(FIXTURE + " is not on the test class path");
      }
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    int steps = 0;
    Map<String, Shape> shapes = new LinkedHashMap<>();
    float[] c = null;
    float[] e = null;
    float[] w0 = null;
    List<Case> cases = new ArrayList<>();
    Case current = null;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.trim().split(" ");
      switch (words[0]) {
        case "problem":
          for (int i = 1; i < words.length; i++) {
            String[] kv = words[i].split("=");
            if (kv[0].equals("steps")) {
              steps = Integer.parseInt(kv[1]);
            } else {
              shapes.put(kv[0], new Shape(Arrays.stream(kv[1].split("x")).mapToLong(Long::parseLong).toArray()));
            }
          }
          break;
        case "c":
          c = floats(words, 1);
          break;
        case "e":
          e = floats(words, 1);
          break;
        case "w0":
          w0 = floats(words, 1);
          break;
        case "case":
          Map<String, String> settings = new LinkedHashMap<>();
          for (int i = 2; i < words.length; i++) {
            String[] kv = words[i].split("=");
            settings.put(kv[0], kv[1]);
          }
          current = new Case(words[1], settings, null, new ArrayList<>());
          cases.add(current);
          break;
        case "lr":
          double[] rates = Arrays.stream(words).skip(1).mapToDouble(Double::parseDouble).toArray();
          current = new Case(current.name(), current.settings(), rates, current.steps());
          cases.set(cases.size() - 1, current);
          break;
        case "step":
          if (Integer.parseInt(words[1]) != current.steps().size()) {
            throw new IOException(FIXTURE + ":" + (n + 1) + ": steps out of order");
          }
          current.steps().add(floats(words, 2));
          break;
        default:
          throw new IOException(FIXTURE + ":" + (n + 1) + ": unknown line '" + words[0] + "'");
      }
    }
    for (Case k : cases) {
      if (k.rates() == null || k.rates().length != steps || k.steps().size() != steps + 1) {
        throw new IOException(FIXTURE + ": case " + k.name() + " does not hold " + steps + " steps");
      }
    }
    return new Fixture(steps, shapes, c, e, w0, cases);
  }

  /** Decimal doubles that are exactly float32 values, back to those floats. */
  private static float[] floats(String[] words, int from) {
    float[] values = new float[words.length - from];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) Double.parseDouble(words[from + i]);
    }
    return values;
  }
}
