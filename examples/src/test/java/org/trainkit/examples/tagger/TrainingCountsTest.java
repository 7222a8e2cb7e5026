package org.trainkit.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.trainkit.examples.data.Sentence;
import org.trainkit.runtime.data.Dataset;

/** The tagger's fitting counts: exact below their bounds, bounded above them. */
class TrainingCountsTest {

  private static Sentence sentence(String... tokens) {
    List<String> tags = new ArrayList<>(Collections.nCopies(tokens.length, "O"));
    tags.set(0, "B-X");
    return new Sentence(List.of(tokens), tags);
  }

  @Test
  void belowTheBoundsTheVocabularyIsEveryWordSeenTwiceSortedAsBefore() {
    Dataset<Sentence> data = Dataset.of(List.of(sentence("Zeta", "alpha", "b\u00e9ta"),
        sentence("zeta", "gamma", "alpha"), sentence("once", "B\u00c9TA")));
    TrainingCounts counts = TrainingCounts.of(data);
    assertEquals(List.of("<pad>", "<unk>", "alpha", "b\u00e9ta", "zeta"),
        counts.vocabulary(2, EntityTagger.MAX_WORDS, w -> false));
    assertEquals(List.of("<pad>", "<unk>", "alpha", "b\u00e9ta", "once", "zeta"),
        counts.vocabulary(2, EntityTagger.MAX_WORDS, w -> w.equals("once")), "a word with a vector stays");
    assertEquals(List.of("O", "B-X"), counts.tagList());
    assertEquals(2 + "Zeta alpha b\u00e9ta zeta gamma once B\u00c9TA".replace(" ", "").codePoints().distinct().count(), counts.characters().size());
  }

  @Test
  void theVocabularyKeepsTheMostFrequentAndTheCountsStayBounded() {
    // word i occurs i times; 3,000 words seen once, among them
    List<Sentence> sentences = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      for (int k = 0; k < i; k++) {
        sentences.add(sentence("w" + i));
      }
    }
    for (int i = 0; i < 3000; i++) {
      sentences.add(sentence("rare" + i, "w40"));
    }
    TrainingCounts counts = TrainingCounts.of(Dataset.of(sentences), 1000);
    List<String> vocabulary = counts.vocabulary(2, 10, w -> false);
    Map<String, Boolean> expected = new TreeMap<>();
    for (int i = 31; i <= 40; i++) {
      expected.put("w" + i, true);
    }
    assertEquals(new ArrayList<>(expected.keySet()), vocabulary.subList(2, vocabulary.size()),
        "the ten most frequent, sorted");
    assertTrue(counts.words().size() <= 1000, "at most the bound counted: " + counts.words().size());
    assertTrue(counts.words().contains("w2"), "words seen twice survive pruning singletons");
  }
}
