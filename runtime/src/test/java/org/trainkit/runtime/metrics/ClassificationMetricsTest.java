package org.trainkit.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.metrics.ClassificationMetrics.ClassScores;

/** Exact values, worked out by hand (as scikit-learn computes them) in the comments. */
class ClassificationMetricsTest {

  private static final double EPS = 1e-12;

  private static void assertClass(ClassScores s, double p, double r, double f, int support) {
    assertEquals(p, s.precision(), EPS, "precision");
    assertEquals(r, s.recall(), EPS, "recall");
    assertEquals(f, s.f1(), EPS, "f1");
    assertEquals(support, s.support(), "support");
  }

  @Test
  void threeClasses() {
    // gold a a a b b c, pred a a b b c c. Confusion [gold][pred] over (a, b, c):
    //   a: 2 1 0   b: 0 1 1   c: 0 0 1
    // accuracy = 4/6 = 2/3
    // a: P=2/2=1, R=2/3, F=2*(2/3)/(5/3)=4/5, support 3
    // b: P=1/2 (column b: 1+1), R=1/2, F=1/2, support 2
    // c: P=1/2, R=1/1, F=2*(1/2)/(3/2)=2/3, support 1
    // macro F1 = (4/5 + 1/2 + 2/3) / 3 = (24 + 15 + 20) / 90 = 59/90
    // weighted F1 = (3*4/5 + 2*1/2 + 1*2/3) / 6 = (36 + 15 + 10) / 15 / 6 = 61/90
    var gold = List.of("a", "a", "a", "b", "b", "c");
    var pred = List.of("a", "a", "b", "b", "c", "c");
    ClassificationMetrics m = ClassificationMetrics.compute(gold, pred);
    assertEquals(List.of("a", "b", "c"), m.labels());
    assertArrayEquals(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}}, m.confusionMatrix());
    assertEquals(2.0 / 3, m.accuracy(), EPS);
    assertClass(m.perClass().get("a"), 1, 2.0 / 3, 0.8, 3);
    assertClass(m.perClass().get("b"), 0.5, 0.5, 0.5, 2);
    assertClass(m.perClass().get("c"), 0.5, 1, 2.0 / 3, 1);
    assertEquals(59.0 / 90, m.macroF1(), EPS);
    assertEquals(61.0 / 90, m.weightedF1(), EPS);
    assertEquals(6, m.total());
  }

  @Test
  void aClassThatIsOnlyPredictedCountsInTheMacroAverage() {
    // gold x x y, pred x z y. Classes (sorted) x, y, z.
    // x: P=1/1, R=1/2, F=2/3, support 2; y: 1, 1, 1, support 1;
    // z: predicted once, never gold: P=0/1=0, R=0/0 -> 0, F=0, support 0.
    // macro = (2/3 + 1 + 0) / 3 = 5/9; weighted = (2*2/3 + 1*1 + 0*0) / 3 = 7/9;
    // accuracy = 2/3.
    ClassificationMetrics m =
        ClassificationMetrics.compute(List.of("x", "x", "y"), List.of("x", "z", "y"));
    assertEquals(List.of("x", "y", "z"), m.labels());
    assertClass(m.perClass().get("x"), 1, 0.5, 2.0 / 3, 2);
    assertClass(m.perClass().get("y"), 1, 1, 1, 1);
    assertClass(m.perClass().get("z"), 0, 0, 0, 0);
    assertEquals(5.0 / 9, m.macroF1(), EPS);
    assertEquals(7.0 / 9, m.weightedF1(), EPS);
    assertEquals(2.0 / 3, m.accuracy(), EPS);
  }

  @Test
  void perfectAndEmpty() {
    ClassificationMetrics perfect =
        ClassificationMetrics.compute(List.of("p", "q", "p"), List.of("p", "q", "p"));
    assertEquals(1, perfect.accuracy(), EPS);
    assertEquals(1, perfect.macroF1(), EPS);
    assertEquals(1, perfect.weightedF1(), EPS);

    ClassificationMetrics empty = ClassificationMetrics.compute(List.of(), List.of());
    assertEquals(0, empty.accuracy(), EPS);
    assertEquals(0, empty.macroF1(), EPS);
    assertEquals(0, empty.weightedF1(), EPS);
    assertEquals(List.of(), empty.labels());
  }

  @Test
  void labelOrderIsGivenOrderThenSortedRest() {
    // Given order first (including a label never seen: it gets a zero row and column).
    ClassificationMetrics m =
        ClassificationMetrics.compute(
            List.of("b", "a", "c"), List.of("b", "c", "c"), List.of("RESULTS", "c", "b"));
    assertEquals(List.of("RESULTS", "c", "b", "a"), m.labels());
    assertArrayEquals(
        new int[][] {{0, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 1, 0, 0}},
        m.confusionMatrix());
    // RESULTS: never gold nor predicted -> 0 everywhere, and it still counts in the macro mean:
    // per class F1 = RESULTS 0, c 2/3 (P=1/2, R=1), b 1, a 0 -> macro = (5/3)/4 = 5/12.
    assertEquals(5.0 / 12, m.macroF1(), EPS);
  }

  @Test
  void mismatchedLengthsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassificationMetrics.compute(List.of("a"), List.of("a", "b")));
  }

  @Test
  void valuesUseTheReportNames() {
    ClassificationMetrics m =
        ClassificationMetrics.compute(List.of("a", "a", "b"), List.of("a", "b", "b"));
    java.util.Map<String, Double> v = m.values();
    org.junit.jupiter.api.Assertions.assertEquals(2.0 / 3, v.get("accuracy"), 1e-12);
    org.junit.jupiter.api.Assertions.assertEquals(0.5, v.get("recall/a"), 1e-12);
    org.junit.jupiter.api.Assertions.assertEquals(1.0, v.get("confusion/a/b"));
    org.junit.jupiter.api.Assertions.assertEquals(0.0, v.get("confusion/b/a"));
    org.junit.jupiter.api.Assertions.assertEquals(m.macroF1(), v.get("macro_f1"));
  }
}
