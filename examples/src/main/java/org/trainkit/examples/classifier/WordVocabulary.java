package org.trainkit.examples.classifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.trainkit.examples.data.Vocabulary;

/**
 * The word CNN's vocabulary: the training words seen at least {@link #MIN_COUNT} times, as
 * {@link #tokens} writes them (lower case, every digit 0, punctuation marks as tokens of their
 * own). Id 0 is padding, 1 the unknown word, the words from 2 in their file's order. Kept in the
 * fitted state as {@code words.txt}, one word a line.
 */
final class WordVocabulary {

  static final int PADDING = 0;
  static final int UNKNOWN = 1;
  /** Words seen fewer times than this in training are unknown words (about half of them). */
  static final int MIN_COUNT = 2;
  static final String FILE = "words.txt";

  private static final Pattern TOKEN = Pattern.compile("\\p{L}+|\\p{N}+|[^\\s\\p{L}\\p{N}]");
  private static final Pattern DIGIT = Pattern.compile("\\p{Nd}");

  /** The words; a word's id is its index here plus 2. */
  private final Vocabulary words;

  private WordVocabulary(Vocabulary words) {
    this.words = words;
  }

  /** The vocabulary of these training sentences. */
  static WordVocabulary fit(Iterable<String> sentences) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String sentence : sentences) {
      tokens(sentence).forEach(t -> counts.merge(t, 1, Integer::sum));
    }
    List<String> kept = new ArrayList<>();
    counts.forEach((word, count) -> {
      if (count >= MIN_COUNT) {
        kept.add(word);
      }
    });
    return new WordVocabulary(new Vocabulary(kept));
  }

  /** A sentence's tokens: lower-cased words with digits as 0, and punctuation marks. */
  static List<String> tokens(String sentence) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(sentence.toLowerCase(Locale.ROOT));
    while (m.find()) {
      tokens.add(DIGIT.matcher(m.group()).replaceAll("0"));
    }
    return tokens;
  }

  /** The ids of a sentence's tokens ({@link #UNKNOWN} for a word not in the vocabulary). */
  int[] encode(String sentence) {
    return tokens(sentence).stream().mapToInt(t -> {
      int index = words.id(t, -1);
      return index < 0 ? UNKNOWN : index + 2;
    }).toArray();
  }

  /** Ids in use: the words, padding and the unknown word. */
  int size() {
    return words.size() + 2;
  }

  void save(Path directory) throws IOException {
    words.save(directory.resolve(FILE));
  }

  /** The vocabulary a checkpoint kept; empty (every word unknown) when it has none. */
  static WordVocabulary read(Path directory) throws IOException {
    Path file = directory.resolve(FILE);
    return new WordVocabulary(Files.isRegularFile(file) ? Vocabulary.load(file) : new Vocabulary(List.of()));
  }

  /** No words: every word unknown (the bag-of-words encoder has no use for one). */
  static WordVocabulary empty() {
    return new WordVocabulary(new Vocabulary(List.of()));
  }
}
