package org.trainkit.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.CorpusGenerator.Names;
import org.trainkit.examples.data.CorpusGenerator.Split;
import org.trainkit.runtime.metrics.EntityMetrics;
import org.trainkit.runtime.metrics.EntityMetrics.Span;

class CorpusGeneratorTest {

  @TempDir Path dir;

  private List<Sentence> conll(String name, int count, long seed, Split split)
      throws IOException {
    Path file = dir.resolve(name);
    CorpusGenerator.writeConll(file, count, seed, split);
    try (Stream<Sentence> sentences = new ConllReader().read(file)) {
      return sentences.collect(Collectors.toList());
    }
  }

  private List<Abstract> rct(String name, int count, long seed, Split split) throws IOException {
    Path file = dir.resolve(name);
    CorpusGenerator.writeRct(file, count, seed, split);
    try (Stream<Abstract> abstracts = new RctReader().read(file)) {
      return abstracts.collect(Collectors.toList());
    }
  }

  /** Surface names per entity type, lower-cased (sentence-initial names are capitalised). */
  private static Map<String, Set<String>> names(List<Sentence> sentences) {
    Map<String, Set<String>> names = new HashMap<>();
    for (Sentence s : sentences) {
      for (Span span : EntityMetrics.spans(s.tags())) {
        String surface = String.join(" ", s.tokens().subList(span.start(), span.end()));
        names
            .computeIfAbsent(span.type(), t -> new HashSet<>())
            .add(surface.toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  @Test
  void conllRoundTripsThroughTheReader() throws IOException {
    List<Sentence> sentences = conll("train.conll", 600, 1, Split.TRAIN);
    assertEquals(600, sentences.size());
    int disease = 0;
    int drug = 0;
    int multiToken = 0;
    Set<String> words = new HashSet<>();
    for (Sentence s : sentences) {
      // Generated tags are valid BIO already: repairing changes nothing.
      assertEquals(s.tags(), EntityMetrics.repair(s.tags()));
      words.addAll(s.tokens());
      for (Span span : EntityMetrics.spans(s.tags())) {
        disease += span.type().equals(CorpusGenerator.DISEASE) ? 1 : 0;
        drug += span.type().equals(CorpusGenerator.DRUG) ? 1 : 0;
        multiToken += span.length() > 1 ? 1 : 0;
      }
    }
    assertTrue(disease > 300, "disease mentions: " + disease);
    assertTrue(drug > 300, "drug mentions: " + drug);
    assertTrue(multiToken > 200, "multi-token mentions: " + multiToken);
    assertTrue(words.containsAll(List.of(",", ".", "(", ")")), "punctuation tokens");
    // Some sentences mention nothing at all.
    assertTrue(sentences.stream().anyMatch(s -> EntityMetrics.spans(s.tags()).isEmpty()));
  }

  @Test
  void sameArgumentsGiveTheSameBytes() throws IOException {
    Path a = dir.resolve("a.conll");
    Path b = dir.resolve("b.conll");
    Path c = dir.resolve("c.conll");
    CorpusGenerator.writeConll(a, 200, 42, Split.DEV);
    CorpusGenerator.writeConll(b, 200, 42, Split.DEV);
    CorpusGenerator.writeConll(c, 200, 43, Split.DEV);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));

    Path r1 = dir.resolve("a.rct");
    Path r2 = dir.resolve("b.rct");
    CorpusGenerator.writeRct(r1, 50, 7, Split.TEST);
    CorpusGenerator.writeRct(r2, 50, 7, Split.TEST);
    assertArrayEquals(Files.readAllBytes(r1), Files.readAllBytes(r2));
  }

  @Test
  void heldOutSplitsShareNoEntityName() throws IOException {
    // Different seeds too: the name pools belong to the split, not to the seed.
    Map<String, Set<String>> train = names(conll("train.conll", 4000, 1, Split.TRAIN));
    Map<String, Set<String>> dev = names(conll("dev.conll", 1000, 2, Split.DEV));
    Map<String, Set<String>> test = names(conll("test.conll", 1000, 3, Split.TEST));
    for (String type : List.of(CorpusGenerator.DISEASE, CorpusGenerator.DRUG)) {
      assertTrue(test.get(type).size() > 300, type + " test names: " + test.get(type).size());
      for (String name : test.get(type)) {
        assertFalse(train.get(type).contains(name), type + " '" + name + "' is in train");
        assertFalse(dev.get(type).contains(name), type + " '" + name + "' is in dev");
      }
      for (String name : dev.get(type)) {
        assertFalse(train.get(type).contains(name), type + " '" + name + "' is in train");
      }
    }
  }

  @Test
  void namePoolsOfTheSplitsAreDisjointWhateverTheSeed() {
    // The same builder writes the RCT abstracts' disease and drug names.
    Set<String> train = new HashSet<>();
    Names trainNames = new Names(Split.TRAIN, new SplittableRandom(1));
    for (int i = 0; i < 20_000; i++) {
      train.add(trainNames.disease().toLowerCase(Locale.ROOT));
      train.add(trainNames.drug().toLowerCase(Locale.ROOT));
    }
    Names testNames = new Names(Split.TEST, new SplittableRandom(1));
    for (int i = 0; i < 5_000; i++) {
      String disease = testNames.disease().toLowerCase(Locale.ROOT);
      String drug = testNames.drug().toLowerCase(Locale.ROOT);
      assertFalse(train.contains(disease), disease);
      assertFalse(train.contains(drug), drug);
    }
  }

  @Test
  void devAndTestUsePhrasingsTrainNeverUses() throws IOException {
    List<Sentence> train = conll("train.conll", 4000, 1, Split.TRAIN);
    List<Sentence> test = conll("test.conll", 2000, 3, Split.TEST);
    Set<String> trainContext = new HashSet<>();
    for (Sentence s : train) {
      trainContext.addAll(contextWords(s));
    }
    // Each test-only template holds at least one context word absent from train.
    long unseen =
        test.stream()
            .filter(s -> contextWords(s).stream().anyMatch(w -> !trainContext.contains(w)))
            .count();
    double share = unseen / (double) test.size();
    assertTrue(share > 0.15 && share < 0.40, "share of test sentences with new phrasing: "
        + share);
  }

  /** Words tagged O, lower-cased, numbers left out. */
  private static Set<String> contextWords(Sentence s) {
    Set<String> words = new HashSet<>();
    for (int i = 0; i < s.size(); i++) {
      String token = s.tokens().get(i);
      if (s.tags().get(i).equals("O") && !token.matches(".*\\d.*")) {
        words.add(token.toLowerCase(Locale.ROOT));
      }
    }
    return words;
  }

  @Test
  void rctRoundTripsWithRealisticLabelOrderAndShares() throws IOException {
    List<Abstract> abstracts = rct("train.txt", 1000, 5, Split.TRAIN);
    assertEquals(1000, abstracts.size());
    Map<String, Integer> counts = new HashMap<>();
    int total = 0;
    Set<String> ids = new HashSet<>();
    for (Abstract a : abstracts) {
      assertTrue(ids.add(a.id()), "duplicate id " + a.id());
      int previous = -1;
      for (String label : a.labels()) {
        int index = CorpusGenerator.RCT_LABELS.indexOf(label);
        assertTrue(index >= 0, label);
        // Background/objective first, then methods, results, conclusions last.
        assertTrue(index >= previous, a.id() + ": " + a.labels());
        previous = index;
        counts.merge(label, 1, Integer::sum);
        total++;
      }
      assertTrue(a.labels().contains("METHODS") && a.labels().contains("RESULTS"));
      assertEquals("CONCLUSIONS", a.labels().get(a.size() - 1));
    }
    // Shares near PubMed RCT's (about 10/8/31/35/16 %).
    assertShare(counts, total, "BACKGROUND", 0.06, 0.16);
    assertShare(counts, total, "OBJECTIVE", 0.04, 0.12);
    assertShare(counts, total, "METHODS", 0.25, 0.38);
    assertShare(counts, total, "RESULTS", 0.28, 0.42);
    assertShare(counts, total, "CONCLUSIONS", 0.10, 0.22);
  }

  private static void assertShare(
      Map<String, Integer> counts, int total, String label, double min, double max) {
    double share = counts.getOrDefault(label, 0) / (double) total;
    assertTrue(share >= min && share <= max, label + " share " + share);
  }

  @Test
  void rctSentencesShareVocabularyAcrossLabels() throws IOException {
    // Learnable but not trivially: no single word decides the label. Words such as "{drug}",
    // "patients" or "placebo" occur under several labels.
    List<Abstract> abstracts = rct("train.txt", 500, 9, Split.TRAIN);
    Map<String, Set<String>> labelsOfWord = new HashMap<>();
    for (Abstract a : abstracts) {
      for (int i = 0; i < a.size(); i++) {
        for (String word : a.sentences().get(i).toLowerCase(Locale.ROOT).split(" ")) {
          labelsOfWord.computeIfAbsent(word, w -> new HashSet<>()).add(a.labels().get(i));
        }
      }
    }
    for (String word : List.of("placebo", "patients", "with", "in")) {
      assertTrue(labelsOfWord.get(word).size() >= 3, word + ": " + labelsOfWord.get(word));
    }
  }

  @Test
  void mainWritesTheRequestedFile() throws IOException {
    Path file = dir.resolve("main.txt");
    CorpusGenerator.main(new String[] {"rct", file.toString(), "3", "11", "dev"});
    try (Stream<Abstract> abstracts = new RctReader().read(file)) {
      assertEquals(3, abstracts.count());
    }
  }
}
