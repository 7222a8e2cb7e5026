package org.trainkit.examples.tagger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.trainkit.examples.data.Sentence;
import org.trainkit.nlp.embed.CharacterVocabulary;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.metrics.EntityMetrics;

/**
 * What {@link EntityTagger#fit} learns from one pass over the training sentences: how often each
 * (lower-cased) word occurs, the tags, and the characters. Streams: one sentence at a time is in
 * the heap, and what is kept grows with the vocabulary, not with the corpus (a 2 GB corpus trains
 * under {@code -Xmx256m}).
 */
final class TrainingCounts {

  private final Map<String, Integer> words = new HashMap<>();
  private final TreeSet<String> tags = new TreeSet<>();
  private final TreeSet<Integer> characters = new TreeSet<>();

  /**
   * The counts of every sentence of {@code sentences}, read in order.
   *
   * @throws RuntimeException naming the sentence's file and line when one has no tags
   */
  static TrainingCounts of(Dataset<Sentence> sentences) {
    TrainingCounts counts = new TrainingCounts();
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
   * minCount} times and those {@code keep} accepts (a rare word with a pretrained vector).
   */
  List<String> vocabulary(int minCount, Predicate<String> keep) {
    List<String> vocabulary = new ArrayList<>(List.of("<pad>", "<unk>"));
    words.entrySet().stream()
        .filter(e -> e.getValue() >= minCount || keep.test(e.getKey()))
        .map(Map.Entry::getKey)
        .sorted()
        .forEach(vocabulary::add);
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
