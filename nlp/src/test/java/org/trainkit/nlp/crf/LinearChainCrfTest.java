package org.trainkit.nlp.crf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.DoubleBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CRF against brute force: every tag sequence of small random cases is enumerated in Java
 * (double precision) and the CRF, run in float64, must agree on the log-partition, the
 * negative log-likelihood, the best path and the gradient.
 */
class LinearChainCrfTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** A random case: emissions (B, T, K) with padding values as random as the rest. */
  private record Case(int tags, int time, int[] lengths, double[] emissions, double[] transitions,
      double[] start, double[] end, int[] gold) {

    static Case random(Random random, int tags, int time, int[] lengths, double scale) {
      int batch = lengths.length;
      int[] y = new int[batch * time];
      for (int i = 0; i < y.length; i++) {
        y[i] = random.nextInt(tags);
      }
      return new Case(tags, time, lengths, values(random, batch * time * tags, scale),
          values(random, tags * tags, scale), values(random, tags, scale),
          values(random, tags, scale), y);
    }

    private static double[] values(Random random, int n, double scale) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = (2 * random.nextDouble() - 1) * scale;
      }
      return v;
    }

    int batch() {
      return lengths.length;
    }

    double emission(int b, int t, int k) {
      return emissions[(b * time + t) * tags + k];
    }

    /** The score of a path of sequence b, from the definition. */
    double score(int b, int[] path) {
      double s = start[path[0]] + emission(b, 0, path[0]);
      for (int t = 1; t < path.length; t++) {
        s += transitions[path[t - 1] * tags + path[t]] + emission(b, t, path[t]);
      }
      return s + end[path[path.length - 1]];
    }

    int[] goldPath(int b) {
      int[] path = new int[lengths[b]];
      for (int t = 0; t < path.length; t++) {
        path[t] = gold[b * time + t];
      }
      return path;
    }

    /** log Σ exp(score) over all K^length paths of sequence b. */
    double logPartition(int b) {
      double max = Double.NEGATIVE_INFINITY;
      List<int[]> paths = allPaths(tags, lengths[b]);
      for (int[] p : paths) {
        max = Math.max(max, score(b, p));
      }
      double sum = 0;
      for (int[] p : paths) {
        sum += Math.exp(score(b, p) - max);
      }
      return max + Math.log(sum);
    }

    /** The best path of sequence b among those {@code constraints} allow. */
    int[] bestPath(int b, TransitionConstraints constraints) {
      int[] best = null;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int[] p : allPaths(tags, lengths[b])) {
        if (constraints.allowsPath(p) && score(b, p) > bestScore) {
          bestScore = score(b, p);
          best = p;
        }
      }
      return best;
    }
  }

  static List<int[]> allPaths(int tags, int length) {
    List<int[]> paths = new java.util.ArrayList<>();
    int[] p = new int[length];
    while (true) {
      paths.add(p.clone());
      int i = length - 1;
      while (i >= 0 && p[i] == tags - 1) {
        p[i] = 0;
        i--;
      }
      if (i < 0) {
        return paths;
      }
      p[i]++;
    }
  }

  /** A float64 CRF holding the case's parameters. */
  private LinearChainCrf crf(Case c, TransitionConstraints constraints) {
    LinearChainCrf crf = new LinearChainCrf(constraints);
    crf.initialize(manager, DataType.FLOAT64, new Shape(c.batch(), c.time(), c.tags()),
        new Shape(c.batch(), c.time()), new Shape(c.batch()));
    crf.transitions().getArray().set(DoubleBuffer.wrap(c.transitions()));
    crf.start().getArray().set(DoubleBuffer.wrap(c.start()));
    crf.end().getArray().set(DoubleBuffer.wrap(c.end()));
    return crf;
  }

  private NDArray emissions(Case c) {
    return manager.create(c.emissions(), new Shape(c.batch(), c.time(), c.tags()));
  }

  private NDArray gold(Case c) {
    return manager.create(c.gold(), new Shape(c.batch(), c.time()));
  }

  private NDArray lengths(Case c) {
    return manager.create(c.lengths());
  }

  private static final int[][] LENGTHS = {{1}, {4, 1, 3, 2}, {5, 5}, {2, 5, 1}, {3}};

  @Test
  void logPartitionAndNllMatchEnumerationWithPadding() {
    Random random = new Random(7);
    for (int[] lengths : LENGTHS) {
      int time = java.util.Arrays.stream(lengths).max().getAsInt() + (lengths.length > 1 ? 0 : 1);
      Case c = Case.random(random, 3, time, lengths, 2.0);
      LinearChainCrf crf = crf(c, TransitionConstraints.none(3));
      double[] logZ = crf.logPartition(emissions(c), lengths(c)).toDoubleArray();
      double[] nll =
          crf.forward(new ParameterStore(manager, false),
              new NDList(emissions(c), gold(c), lengths(c)), false).head().toDoubleArray();
      for (int b = 0; b < c.batch(); b++) {
        double expectedZ = c.logPartition(b);
        assertEquals(expectedZ, logZ[b], 1e-10, "log-partition of sequence " + b);
        assertEquals(expectedZ - c.score(b, c.goldPath(b)), nll[b], 1e-10, "NLL of sequence " + b);
      }
    }
  }

  @Test
  void paddingValuesDoNotChangeTheLikelihood() {
    Random random = new Random(11);
    Case c = Case.random(random, 4, 6, new int[] {2, 6, 3}, 3.0);
    double[] garbage = c.emissions().clone();
    int[] gold = c.gold().clone();
    for (int b = 0; b < c.batch(); b++) {
      for (int t = c.lengths()[b]; t < c.time(); t++) {
        gold[b * c.time() + t] = random.nextInt(4);
        for (int k = 0; k < 4; k++) {
          garbage[(b * c.time() + t) * 4 + k] = 100 * random.nextGaussian();
        }
      }
    }
    Case padded = new Case(4, 6, c.lengths(), garbage, c.transitions(), c.start(), c.end(), gold);
    LinearChainCrf crf = crf(c, TransitionConstraints.none(4));
    assertArrayEquals(
        crf.negativeLogLikelihood(emissions(c), gold(c), lengths(c)).toDoubleArray(),
        crf.negativeLogLikelihood(emissions(padded), gold(padded), lengths(padded))
            .toDoubleArray());
  }

  @Test
  void viterbiMatchesEnumeration() {
    Random random = new Random(3);
    for (int round = 0; round < 4; round++) {
      for (int[] lengths : LENGTHS) {
        int time = java.util.Arrays.stream(lengths).max().getAsInt() + 1;
        Case c = Case.random(random, 4, time, lengths, 2.0);
        TransitionConstraints none = TransitionConstraints.none(4);
        int[][] paths = crf(c, none).decode(emissions(c), lengths(c));
        for (int b = 0; b < c.batch(); b++) {
          assertArrayEquals(c.bestPath(b, none), paths[b], "sequence " + b);
        }
      }
    }
  }

  @Test
  void viterbiInFloat32MatchesEnumeration() {
    Random random = new Random(5);
    Case c = Case.random(random, 5, 5, new int[] {5, 3, 1, 4}, 2.0);
    int[][] paths = float32Crf(c).decode(float32Emissions(c), lengths(c));
    for (int b = 0; b < 4; b++) {
      assertArrayEquals(c.bestPath(b, TransitionConstraints.none(5)), paths[b]);
    }
  }

  /**
   * The forward algorithm runs in probability space, scaled at every step: in float32, scores
   * far beyond a trained CRF's (emissions ±60, transitions ±20) must neither overflow nor
   * underflow, and the likelihood's gradient must stay finite.
   */
  @Test
  void float32LogPartitionHoldsForLargeScores() {
    Random random = new Random(13);
    Case c = Case.random(random, 4, 6, new int[] {6, 4, 1, 5}, 20.0);
    double[] emissions = c.emissions().clone();
    for (int i = 0; i < emissions.length; i++) {
      emissions[i] *= 3; // ±60
    }
    Case large = new Case(4, 6, c.lengths(), emissions, c.transitions(), c.start(), c.end(), c.gold());
    LinearChainCrf crf = float32Crf(large);
    NDArray e = float32Emissions(large);
    e.setRequiresGradient(true);
    float[] logZ;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray z = crf.logPartition(e, lengths(large));
      logZ = z.toFloatArray();
      collector.backward(z.sum());
    }
    for (int b = 0; b < 4; b++) {
      double expected = large.logPartition(b);
      assertEquals(expected, logZ[b], 1e-5 * Math.abs(expected), "log-partition of sequence " + b);
    }
    // the gradient of log Z by the emissions is each position's tag marginals: they sum to 1
    // inside a sequence and to 0 in its padding
    float[] marginals = e.getGradient().toFloatArray();
    for (int b = 0; b < 4; b++) {
      for (int t = 0; t < 6; t++) {
        double sum = 0;
        for (int k = 0; k < 4; k++) {
          float g = marginals[(b * 6 + t) * 4 + k];
          assertTrue(Float.isFinite(g) && g > -1e-6 && g < 1 + 1e-6, "a marginal, got " + g);
          sum += g;
        }
        assertEquals(t < large.lengths()[b] ? 1 : 0, sum, 1e-5, "marginals at " + b + ", " + t);
      }
    }
  }

  /** An unconstrained float32 CRF holding the case's parameters. */
  private LinearChainCrf float32Crf(Case c) {
    LinearChainCrf crf = new LinearChainCrf(c.tags());
    crf.initialize(manager, DataType.FLOAT32, new Shape(c.batch(), c.time(), c.tags()),
        new Shape(c.batch(), c.time()), new Shape(c.batch()));
    crf.transitions().getArray().set(toFloats(c.transitions()));
    crf.start().getArray().set(toFloats(c.start()));
    crf.end().getArray().set(toFloats(c.end()));
    return crf;
  }

  private NDArray float32Emissions(Case c) {
    return manager.create(toFloats(c.emissions()), new Shape(c.batch(), c.time(), c.tags()));
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  private static final List<String> BIO = List.of("O", "B-Dis", "I-Dis", "B-Chem", "I-Chem");

  @Test
  void constrainedViterbiOutputsOnlyValidBioAndTheBestValidPath() {
    TransitionConstraints bio = TransitionConstraints.bio(BIO);
    Random random = new Random(13);
    int invalidUnconstrained = 0;
    for (int round = 0; round < 6; round++) {
      Case c = Case.random(random, 5, 6, new int[] {6, 4, 1, 5}, 3.0);
      // Tempt the decoder: I- tags score high everywhere.
      double[] e = c.emissions();
      for (int i = 0; i < e.length; i += 5) {
        e[i + 2] += 2;
        e[i + 4] += 2;
      }
      int[][] constrained = crf(c, bio).decode(emissions(c), lengths(c));
      int[][] free = crf(c, TransitionConstraints.none(5)).decode(emissions(c), lengths(c));
      for (int b = 0; b < c.batch(); b++) {
        assertTrue(bio.allowsPath(constrained[b]),
            "invalid BIO path " + java.util.Arrays.toString(constrained[b]));
        assertArrayEquals(c.bestPath(b, bio), constrained[b]);
        if (!bio.allowsPath(free[b])) {
          invalidUnconstrained++;
        }
      }
    }
    assertTrue(invalidUnconstrained > 0, "the cases must tempt an unconstrained decoder");
  }

  @Test
  void bioConstraintsFollowTheLabels() {
    TransitionConstraints bio = TransitionConstraints.bio(BIO);
    assertTrue(bio.allowsStart(0) && bio.allowsStart(1) && !bio.allowsStart(2));
    assertTrue(bio.allows(1, 2) && bio.allows(2, 2) && !bio.allows(0, 2) && !bio.allows(3, 2));
    assertTrue(!bio.allows(1, 4) && bio.allows(3, 4) && bio.allows(2, 1) && bio.allows(4, 0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> TransitionConstraints.bio(List.of("O", "B-Dis", "E-Dis")));
    assertEquals("label 2 'E-Dis' is not a BIO label (O, B-<type> or I-<type>)", e.getMessage());
  }

  @Test
  void everyIntermediateBelongsToTheBatchManager() {
    LinearChainCrf crf = new LinearChainCrf(TransitionConstraints.bio(BIO));
    crf.initialize(manager, DataType.FLOAT32, new Shape(3, 6, 5), new Shape(3, 6), new Shape(3));
    int before = manager.getManagedArrays().size();
    try (NDManager batch = manager.newSubManager()) {
      NDArray emissions = batch.randomNormal(new Shape(3, 6, 5));
      emissions.setRequiresGradient(true);
      NDArray tags = batch.zeros(new Shape(3, 6), DataType.INT32);
      NDArray lengths = batch.create(new int[] {6, 2, 4});
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(crf.negativeLogLikelihood(emissions, tags, lengths).sum());
      }
      crf.decode(emissions, lengths);
    }
    assertEquals(before, manager.getManagedArrays().size(), "arrays left in the model's manager");
  }

  @Test
  void decodeRejectsLengthsOutsideTheSequence() {
    LinearChainCrf crf = new LinearChainCrf(3);
    crf.initialize(manager, DataType.FLOAT32, new Shape(2, 4, 3), new Shape(2, 4), new Shape(2));
    NDArray emissions = manager.zeros(new Shape(2, 4, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> crf.decode(emissions, manager.create(new int[] {4, 0})));
    assertEquals("length of sequence 1 is 0, not in [1, 4]", e.getMessage());
  }

  @Test
  void nllGradientMatchesCentralDifferences() {
    Random random = new Random(17);
    Case c = Case.random(random, 3, 4, new int[] {4, 2, 3}, 1.5);
    LinearChainCrf crf = crf(c, TransitionConstraints.none(3));
    NDArray emissions = emissions(c);
    emissions.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(crf.negativeLogLikelihood(emissions, gold(c), lengths(c)).sum());
    }
    double[] emissionGradient = emissions.getGradient().toDoubleArray();
    double[][] parameterGradients = {
        crf.transitions().getArray().getGradient().toDoubleArray(),
        crf.start().getArray().getGradient().toDoubleArray(),
        crf.end().getArray().getGradient().toDoubleArray()};

    double h = 1e-6;
    double[] e = c.emissions();
    for (int i = 0; i < e.length; i++) {
      double saved = e[i];
      e[i] = saved + h;
      double up = totalNll(c);
      e[i] = saved - h;
      double down = totalNll(c);
      e[i] = saved;
      assertEquals((up - down) / (2 * h), emissionGradient[i], 1e-7, "d/d emission " + i);
    }
    double[][] parameters = {c.transitions(), c.start(), c.end()};
    for (int p = 0; p < parameters.length; p++) {
      for (int i = 0; i < parameters[p].length; i++) {
        double saved = parameters[p][i];
        parameters[p][i] = saved + h;
        double up = totalNll(c);
        parameters[p][i] = saved - h;
        double down = totalNll(c);
        parameters[p][i] = saved;
        assertEquals((up - down) / (2 * h), parameterGradients[p][i], 1e-7,
            "d/d parameter " + p + "[" + i + "]");
      }
    }
    // Padding positions get no gradient at all.
    assertEquals(0.0, emissionGradient[(1 * 4 + 3) * 3], 0.0);
  }

  /** The summed NLL of the case by the CRF's own float64 forward pass. */
  private double totalNll(Case c) {
    NDArray nll = CrfAlgorithms.negativeLogLikelihood(emissions(c),
        manager.create(c.transitions(), new Shape(3, 3)), manager.create(c.start()),
        manager.create(c.end()), gold(c), lengths(c));
    return nll.sum().getDouble();
  }
}
