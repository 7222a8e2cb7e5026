package org.trainkit.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.metrics.EntityMetrics.Scheme;
import org.trainkit.runtime.metrics.EntityMetrics.Scores;
import org.trainkit.runtime.metrics.EntityMetrics.Span;

/**
 * Hand-checked cases: each expected value is worked out from seqeval's rules (default mode for
 * IOB1/IOB2, strict mode for IOBES) in the comment above it. tp = correct entities, pred =
 * predicted entities, true = gold entities (support); P = tp/pred, R = tp/true, F = 2PR/(P+R).
 */
class EntityMetricsTest {

  private static final double EPS = 1e-12;

  private static List<String> tags(String line) {
    return List.of(line.trim().split("\\s+"));
  }

  private static void assertScores(Scores s, double p, double r, double f, int support) {
    assertEquals(p, s.precision(), EPS, "precision");
    assertEquals(r, s.recall(), EPS, "recall");
    assertEquals(f, s.f1(), EPS, "f1");
    assertEquals(support, s.support(), "support");
  }

  @Test
  void perfectPrediction() {
    // gold = pred: PER[0,2), LOC[3,4) in s0, ORG[1,2) in s1. tp=3 pred=3 true=3 -> 1, 1, 1.
    var gold = List.of(tags("B-PER I-PER O B-LOC"), tags("O B-ORG"));
    EntityMetrics m = EntityMetrics.compute(gold, gold);
    assertScores(m.micro(), 1, 1, 1, 3);
    assertEquals(List.of("LOC", "ORG", "PER"), List.copyOf(m.perType().keySet()));
  }

  @Test
  void seqevalReadmeExample() {
    // The example from seqeval's README (f1_score = 0.50):
    // gold: MISC[3,6) in s0, PER[0,2) in s1; pred: MISC[2,6) in s0, PER[0,2) in s1.
    // tp=1 (PER) pred=2 true=2 -> P=1/2, R=1/2, F=1/2.
    // MISC: tp=0 pred=1 true=1 -> 0,0,0 (support 1); PER: 1,1,1 (support 1).
    var gold = List.of(tags("O O O B-MISC I-MISC I-MISC O"), tags("B-PER I-PER O"));
    var pred = List.of(tags("O O B-MISC I-MISC I-MISC I-MISC O"), tags("B-PER I-PER O"));
    EntityMetrics m = EntityMetrics.compute(gold, pred);
    assertScores(m.micro(), 0.5, 0.5, 0.5, 2);
    assertScores(m.perType().get("MISC"), 0, 0, 0, 1);
    assertScores(m.perType().get("PER"), 1, 1, 1, 1);
  }

  @Test
  void iob1AndIob2EncodeTheSameEntities() {
    // IOB1 pred "I-PER I-PER O I-LOC I-LOC": I- after O starts an entity -> PER[0,2), LOC[3,5),
    // exactly the IOB2 gold's entities. tp=2 pred=2 true=2 -> 1, 1, 1.
    var gold = List.of(tags("B-PER I-PER O B-LOC I-LOC"));
    var pred = List.of(tags("I-PER I-PER O I-LOC I-LOC"));
    assertScores(EntityMetrics.compute(gold, pred, Scheme.IOB1).micro(), 1, 1, 1, 2);
    assertScores(EntityMetrics.compute(gold, pred, Scheme.IOB2).micro(), 1, 1, 1, 2);
  }

  @Test
  void iob1BeginSeparatesAdjacentEntitiesOfOneType() {
    // IOB1 gold "I-PER I-PER B-PER O": B- ends the running PER and starts another ->
    // PER[0,2), PER[2,3). Pred "B-PER I-PER I-PER O" -> PER[0,3).
    // tp=0 pred=1 true=2 -> P=0/1=0, R=0/2=0, F=0.
    var gold = List.of(tags("I-PER I-PER B-PER O"));
    var pred = List.of(tags("B-PER I-PER I-PER O"));
    assertEquals(
        List.of(new Span("PER", 0, 2), new Span("PER", 2, 3)),
        EntityMetrics.spans(gold.get(0), Scheme.IOB1));
    EntityMetrics m = EntityMetrics.compute(gold, pred, Scheme.IOB1);
    assertScores(m.micro(), 0, 0, 0, 2);
    assertEquals(1, m.micro().predicted());
  }

  @Test
  void typeChangeInsideASpanEndsItAndStartsAnother() {
    // pred "B-PER I-LOC O B-LOC": I-LOC after B-PER has another type -> PER[0,1), LOC[1,2),
    // then LOC[3,4). gold: PER[0,2), LOC[3,4).
    // tp=1 (LOC[3,4)) pred=3 true=2 -> P=1/3, R=1/2, F=2*(1/3)*(1/2)/(1/3+1/2)=(1/3)/(5/6)=2/5.
    // LOC: tp=1 pred=2 true=1 -> P=1/2, R=1, F=2*(1/2)/(3/2)=2/3. PER: tp=0 -> 0, 0, 0.
    var gold = List.of(tags("B-PER I-PER O B-LOC"));
    var pred = List.of(tags("B-PER I-LOC O B-LOC"));
    EntityMetrics m = EntityMetrics.compute(gold, pred);
    assertScores(m.micro(), 1.0 / 3, 0.5, 0.4, 2);
    assertScores(m.perType().get("LOC"), 0.5, 1, 2.0 / 3, 1);
    assertScores(m.perType().get("PER"), 0, 0, 0, 1);
    assertEquals(
        List.of(new Span("PER", 0, 2), new Span("LOC", 2, 4)),
        EntityMetrics.spans(tags("B-PER I-PER I-LOC I-LOC")));
  }

  @Test
  void insideWithoutBeginStartsAnEntityInDefaultMode() {
    // pred "O I-DRUG I-DRUG O": I- after O starts -> DRUG[1,3) = gold's. tp=1 pred=1 true=1.
    var gold = List.of(tags("O B-DRUG I-DRUG O"));
    var pred = List.of(tags("O I-DRUG I-DRUG O"));
    assertScores(EntityMetrics.compute(gold, pred).micro(), 1, 1, 1, 1);
    // At the very start of a sentence too (the previous tag counts as O).
    assertEquals(List.of(new Span("DRUG", 0, 1)), EntityMetrics.spans(tags("I-DRUG O O")));
  }

  @Test
  void entitiesAtSentenceEndAreClosedAndNeverJoinTheNextSentence() {
    // gold: X[1,3) ends s0, Y[0,1) is all of s1; pred finds X[1,3) only.
    // tp=1 pred=1 true=2 -> P=1, R=1/2, F=2*1*(1/2)/(3/2)=2/3.
    var gold = List.of(tags("O B-X I-X"), tags("B-Y"));
    var pred = List.of(tags("O B-X I-X"), tags("O"));
    EntityMetrics m = EntityMetrics.compute(gold, pred);
    assertScores(m.micro(), 1, 0.5, 2.0 / 3, 2);
    assertScores(m.perType().get("Y"), 0, 0, 0, 1);

    // "O B-X" then "I-X O": seqeval puts an O between sentences, so these are two entities,
    // X[1,2) in s0 and X[0,1) in s1. tp=2 pred=2 true=2.
    var split = List.of(tags("O B-X"), tags("I-X O"));
    EntityMetrics s = EntityMetrics.compute(split, split);
    assertEquals(2, s.micro().support());
    assertEquals(2, s.micro().correct());
  }

  @Test
  void emptyPredictionsScoreZeroWithoutDividingByZero() {
    // pred has no entity: tp=0 pred=0 true=2 -> P=0/0 -> 0, R=0/2=0, F=0 (P+R=0 -> 0).
    var gold = List.of(tags("B-PER I-PER O"), tags("B-LOC"));
    var pred = List.of(tags("O O O"), tags("O"));
    EntityMetrics m = EntityMetrics.compute(gold, pred);
    assertScores(m.micro(), 0, 0, 0, 2);
    assertEquals(0, m.micro().predicted());
    assertScores(m.perType().get("PER"), 0, 0, 0, 1);
    assertScores(m.perType().get("LOC"), 0, 0, 0, 1);
    assertEquals(0, m.macroF1(), EPS);

    // No entity anywhere, and no sentence at all: every score is 0, no type is listed.
    var none = List.of(tags("O O"));
    EntityMetrics empty = EntityMetrics.compute(none, none);
    assertScores(empty.micro(), 0, 0, 0, 0);
    assertTrue(empty.perType().isEmpty());
    assertScores(EntityMetrics.compute(List.of(), List.of()).micro(), 0, 0, 0, 0);
  }

  @Test
  void perTypeAndMicroValuesOverTwoSentences() {
    // gold s0 "B-DIS I-DIS O B-DRUG O B-DRUG I-DRUG": DIS[0,2), DRUG[3,4), DRUG[5,7)
    // gold s1 "B-DIS O O B-DIS I-DIS I-DIS":         DIS[0,1), DIS[3,6)
    // pred s0 "B-DIS I-DIS O B-DRUG O B-DRUG O":     DIS[0,2), DRUG[3,4), DRUG[5,6)
    // pred s1 "B-DIS O B-DRUG I-DIS I-DIS I-DIS":    DIS[0,1), DRUG[2,3), DIS[3,6) (type change)
    // DIS:  tp=3 pred=3 true=3 -> 1, 1, 1.
    // DRUG: tp=1 (s0 [3,4)) pred=3 true=2 -> P=1/3, R=1/2, F=2/5.
    // micro: tp=4 pred=6 true=5 -> P=2/3, R=4/5, F=2*(2/3)(4/5)/(2/3+4/5)=(16/15)/(22/15)=8/11.
    // macro F1 = (1 + 2/5) / 2 = 7/10.
    var gold =
        List.of(tags("B-DIS I-DIS O B-DRUG O B-DRUG I-DRUG"), tags("B-DIS O O B-DIS I-DIS I-DIS"));
    var pred =
        List.of(tags("B-DIS I-DIS O B-DRUG O B-DRUG O"), tags("B-DIS O B-DRUG I-DIS I-DIS I-DIS"));
    EntityMetrics m = EntityMetrics.compute(gold, pred);
    assertScores(m.perType().get("DIS"), 1, 1, 1, 3);
    assertScores(m.perType().get("DRUG"), 1.0 / 3, 0.5, 0.4, 2);
    assertScores(m.micro(), 2.0 / 3, 0.8, 8.0 / 11, 5);
    assertEquals(6, m.micro().predicted());
    assertEquals(4, m.micro().correct());
    assertEquals(0.7, m.macroF1(), EPS);
  }

  @Test
  void iobesStrictModeCountsOnlyProperlyClosedEntities() {
    // Strict IOBES: pred "B-PER I-PER O S-LOC": the B- I- run is not closed by E- -> dropped;
    // S-LOC[3,4) counts. gold "B-PER E-PER O S-LOC": PER[0,2), LOC[3,4).
    // tp=1 pred=1 true=2 -> P=1, R=1/2, F=2/3.
    var gold = List.of(tags("B-PER E-PER O S-LOC"));
    var pred = List.of(tags("B-PER I-PER O S-LOC"));
    assertScores(EntityMetrics.compute(gold, pred, Scheme.IOBES).micro(), 1, 0.5, 2.0 / 3, 2);
    // The default (lenient) mode reads both PER runs as PER[0,2): tp=2 pred=2 true=2.
    assertScores(EntityMetrics.compute(gold, pred, Scheme.IOB2).micro(), 1, 1, 1, 2);

    // I- E- with no B-: no entity in strict mode. tp=0 pred=0 true=1 -> 0, 0, 0.
    var noBegin = List.of(tags("O I-DRUG E-DRUG O"));
    var drugGold = List.of(tags("O B-DRUG E-DRUG O"));
    EntityMetrics m = EntityMetrics.compute(drugGold, noBegin, Scheme.IOBES);
    assertScores(m.micro(), 0, 0, 0, 1);
    assertEquals(0, m.micro().predicted());
  }

  @Test
  void iobesStrictSpans() {
    // S- is a whole entity; the E- after it starts nothing.
    assertEquals(
        List.of(new Span("PER", 0, 1)), EntityMetrics.spans(tags("S-PER E-PER"), Scheme.IOBES));
    // A type change between B- and E- breaks the entity.
    assertEquals(List.of(), EntityMetrics.spans(tags("B-PER E-LOC"), Scheme.IOBES));
    // B I E closes, S closes, a trailing B- is never closed.
    assertEquals(
        List.of(new Span("X", 0, 3), new Span("X", 3, 4)),
        EntityMetrics.spans(tags("B-X I-X E-X S-X B-X"), Scheme.IOBES));
    // Unclosed run, then an S- after a stray E-.
    assertEquals(
        List.of(new Span("Y", 5, 6)),
        EntityMetrics.spans(tags("B-X I-X I-X O E-X S-Y"), Scheme.IOBES));
    // The lenient reading of "S-PER E-PER": S- ends after itself, E- after S- starts anew.
    assertEquals(
        List.of(new Span("PER", 0, 1), new Span("PER", 1, 2)),
        EntityMetrics.spans(tags("S-PER E-PER")));
  }

  @Test
  void repairTurnsAnyTagsIntoValidBio() {
    assertEquals(tags("O B-PER I-PER O"), EntityMetrics.repair(tags("O I-PER I-PER O")));
    assertEquals(tags("B-PER B-LOC I-LOC"), EntityMetrics.repair(tags("B-PER I-LOC I-LOC")));
    assertEquals(tags("B-PER I-PER B-PER O"), EntityMetrics.repair(tags("B-PER I-PER B-PER O")));
    // IOBES: S-X = X[0,1); I-X after S- starts X[1,3) ending at E-X; B-Y E-Y = Y[3,5).
    assertEquals(
        tags("B-X B-X I-X B-Y I-Y"), EntityMetrics.repair(tags("S-X I-X E-X B-Y E-Y")));
    for (String line :
        List.of("O I-A I-B B-B I-B E-B I-A", "I-A O I-A", "E-A E-A S-A I-A", "B-A I-A O")) {
      List<String> t = tags(line);
      List<String> repaired = EntityMetrics.repair(t);
      assertEquals(EntityMetrics.spans(t), EntityMetrics.spans(repaired), line);
      assertEquals(repaired, EntityMetrics.repair(repaired), line);
    }
  }

  @Test
  void malformedInputIsRejected() {
    var ok = List.of(tags("O B-X"));
    assertThrows(
        IllegalArgumentException.class,
        () -> EntityMetrics.compute(ok, List.of(tags("O")), Scheme.IOB2));
    assertThrows(
        IllegalArgumentException.class, () -> EntityMetrics.compute(ok, List.of(), Scheme.IOB2));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EntityMetrics.compute(ok, List.of(tags("O PER"))));
    assertTrue(e.getMessage().contains("'PER'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EntityMetrics.spans(tags("B_PER")));
    assertThrows(IllegalArgumentException.class, () -> EntityMetrics.spans(tags("U-PER")));
  }

  @Test
  void schemeNames() {
    assertEquals(Scheme.IOB2, Scheme.parse("bio"));
    assertEquals(Scheme.IOB2, Scheme.BIO);
    assertEquals(Scheme.IOBES, Scheme.parse("IOBES"));
    assertThrows(IllegalArgumentException.class, () -> Scheme.parse("BILOU"));
  }

  @Test
  void valuesUseTheReportNames() {
    EntityMetrics m = EntityMetrics.compute(
        List.of(List.of("B-DRUG", "I-DRUG", "O", "B-DISEASE")),
        List.of(List.of("B-DRUG", "I-DRUG", "O", "O")));
    java.util.Map<String, Double> v = m.values();
    org.junit.jupiter.api.Assertions.assertEquals(1.0, v.get("entity_precision"));
    org.junit.jupiter.api.Assertions.assertEquals(0.5, v.get("entity_recall"));
    org.junit.jupiter.api.Assertions.assertEquals(1.0, v.get("f1/DRUG"));
    org.junit.jupiter.api.Assertions.assertEquals(0.0, v.get("recall/DISEASE"));
  }
}
