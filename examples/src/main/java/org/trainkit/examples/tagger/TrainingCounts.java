package org.trainkit.examples.tagger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trainkit.examples.data.Sentence;
import org.trainkit.nlp.embed.CharacterVocabulary;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.metrics.EntityMetrics;

/**
 * What {@link EntityTagger#fit} learns from one pass over the training sentences: how often each
 * (lower-cased) word occurs, the tags, and the characters. Streams: one sentence at a time is in
 * the heap, and what is kept is bounded whatever the corpus (a 2 GB corpus trains under {@code
 * -Xmx256m}): at most {@link #MAX_DISTINCT_WORDS} words are counted at once — past that, the
 * rarest are forgotten (lossy counting: a word seen once among millions of others cannot make the
 * vocabulary anyway) — and the vocabulary keeps at most the {@code maxWords} most frequent.
 * Below those bounds the counts are exact.
 */
final class TrainingCounts {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingCounts.class);

  /** Distinct words counted at once (about 100 MB of heap at most). */
  static final int MAX_DISTINCT_WORDS = 1 << 20;

  private final Map<String, Integer> words = new HashMap<>();
  private final int maxDistinct;
  private int forgotten; // words dropped by pruning

  private TrainingCounts(int maxDistinct) {
    this.maxDistinct = maxDistinct;
  }
  private final TreeSet<String> tags = new TreeSet<>();
  private final TreeSet<Integer> characters = new TreeSet<>();

  /**
   * The counts of every sentence of {@code sentences}, read in order.
   *
   * @throws RuntimeException naming the sentence's file and line when one has no tags
   */
  static TrainingCounts of(Dataset<Sentence> sentences) {
    return of(sentences, MAX_DISTINCT_WORDS);
  }

  /** {@link #of(Dataset)}, counting at most {@code maxDistinct} words at once. */
  static TrainingCounts of(Dataset<Sentence> sentences, int maxDistinct) {
    TrainingCounts counts = new TrainingCounts(maxDistinct);
    int i = 0;
    for (Sentence s : sentences) { // in order, read in chunks
      if (!s.isTagged()) {
        throw sentences.invalidItem(i, "a sentence without tags; training needs a tag column"
            + " (token<TAB>TAG; sentences of tokens alone can only be predicted)");
      }
      counts.add(s);
      i++;
    }
    return counts;
  }

  private void add(Sentence sentence) {
    for (String token : sentence.tokens()) {
      words.merge(normalize(token), 1, Integer::sum);
      token.codePoints().forEach(characters::add);
    }
    tags.addAll(EntityMetrics.repair(sentence.tags()));
    if (words.size() > maxDistinct) {
      prune();
    }
  }

  /** Forgets the rarest words until half the bound is used. */
  private void prune() {
    int before = words.size();
    for (int rarest = 1; words.size() > maxDistinct / 2; rarest++) {
      int limit = rarest;
      words.values().removeIf(count -> count <= limit);
    }
    forgotten += before - words.size();
  }

  /** The form a word is counted and looked up in. */
  static String normalize(String token) {
    return token.toLowerCase(Locale.ROOT);
  }

  /** Every word seen, sorted. */
  TreeSet<String> words() {
    return new TreeSet<>(words.keySet());
  }

  /**
   * The word vocabulary: padding, unknown, then in sorted order the words seen at least {@code
   * minCount} times — the {@code maxWords} most frequent of them (ties: alphabetical order) — and
   * those {@code keep} accepts (a rare word with a pretrained vector).
   */
  List<String> vocabulary(int minCount, int maxWords, Predicate<String> keep) {
    TreeSet<String> chosen = new TreeSet<>();
    words.entrySet().stream()
        .filter(e -> e.getValue() >= minCount)
        .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue())
            .thenComparing(Map.Entry::getKey))
        .limit(maxWords)
        .forEach(e -> chosen.add(e.getKey()));
    words.keySet().stream().filter(keep).forEach(chosen::add);
    long frequent = words.values().stream().filter(c -> c >= minCount).count();
    if (frequent > maxWords || forgotten > 0) {
      LOG.info("vocabulary: the {} most frequent of {} words seen at least {} times ({} rare words"
          + " forgotten while counting)", maxWords, frequent, minCount, forgotten);
    }
    List<String> vocabulary = new ArrayList<>(chosen.size() + 2);
    vocabulary.add("<pad>");
    vocabulary.add("<unk>");
    vocabulary.addAll(chosen);
    return vocabulary;
  }

  /** The tags: "O" first, then the others in sorted order. */
  List<String> tagList() {
    List<String> list = new ArrayList<>(List.of("O"));
    tags.stream().filter(t -> !t.equals("O")).forEach(list::add);
    return list;
  }

  /** The characters seen, as a character vocabulary. */
  CharacterVocabulary characters() {
    return CharacterVocabulary.of(characters.stream().map(Character::toString).toList());
  }
}
