package org.trainkit.nlp.embed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pretrained static vectors for a chosen set of words (the words of a run's data), picked from a
 * word2vec, GloVe or fastText file. A word missing from the file takes the vector of its lower
 * case, when the file has that. Only the chosen rows are kept: {@link #save} writes them to a
 * small file that {@link #read} restores, so the large vectors file is needed only once.
 */
public final class WordVectors {

  private final int dimension;
  private final Map<String, float[]> vectors;
  private final List<String> notFound;
  private final int foundByLowerCase;

  private WordVectors(
      int dimension, Map<String, float[]> vectors, List<String> notFound, int foundByLowerCase) {
    this.dimension = dimension;
    this.vectors = Collections.unmodifiableMap(vectors);
    this.notFound = List.copyOf(notFound);
    this.foundByLowerCase = foundByLowerCase;
  }

  /** Loads the vectors of {@code words}, telling the file's format from its start. */
  public static WordVectors load(Path file, Collection<String> words) throws IOException {
    return load(file, VectorsFormat.detect(file), words, 0);
  }

  /**
   * Loads the vectors of {@code words} from {@code file}.
   *
   * @param words the words wanted, in the order {@link #words()} will list them
   * @param expectedDimension the dimension the model needs, or 0 to take the file's
   * @throws org.trainkit.runtime.data.DataFormatException naming {@code file:line} when the
   *     file is empty, a line is malformed, or a dimension does not match
   */
  public static WordVectors load(
      Path file, VectorsFormat format, Collection<String> words, int expectedDimension)
      throws IOException {
    Set<String> wanted = new LinkedHashSet<>(words);
    Set<String> lowerCases = new java.util.HashSet<>();
    for (String w : wanted) {
      lowerCases.add(w.toLowerCase(Locale.ROOT));
    }
    Map<String, float[]> exact = new HashMap<>();
    Map<String, float[]> lower = new HashMap<>();
    int dimension = new VectorsReader(file, format, expectedDimension).read(
        w -> wanted.contains(w) || lowerCases.contains(w),
        (word, vector) -> {
          // The first occurrence wins, as in gensim.
          if (wanted.contains(word)) {
            exact.putIfAbsent(word, vector);
          }
          if (lowerCases.contains(word)) {
            lower.putIfAbsent(word, vector);
          }
        });
    Map<String, float[]> selected = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    int byLowerCase = 0;
    for (String w : wanted) {
      float[] v = exact.get(w);
      if (v == null) {
        v = lower.get(w.toLowerCase(Locale.ROOT));
        if (v != null) {
          byLowerCase++;
        }
      }
      if (v == null) {
        missing.add(w);
      } else {
        selected.put(w, v);
      }
    }
    return new WordVectors(dimension, selected, missing, byLowerCase);
  }

  /** Restores what {@link #save} wrote (every word in it, no fallback needed). */
  public static WordVectors read(Path saved) throws IOException {
    Map<String, float[]> all = new LinkedHashMap<>();
    int dimension = new VectorsReader(saved, VectorsFormat.WORD2VEC_TEXT, 0)
        .read(w -> true, (word, vector) -> all.putIfAbsent(word, vector));
    return new WordVectors(dimension, all, List.of(), 0);
  }

  /**
   * Writes the selected rows as word2vec text (values printed so that they read back bit for
   * bit).
   */
  public void save(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(vectors.size() + " " + dimension + "\n");
      StringBuilder line = new StringBuilder();
      for (Map.Entry<String, float[]> e : vectors.entrySet()) {
        line.setLength(0);
        line.append(e.getKey());
        for (float v : e.getValue()) {
          line.append(' ').append(v);
        }
        out.write(line.append('\n').toString());
      }
    }
  }

  public int dimension() {
    return dimension;
  }

  /** The vector of {@code word}, or null when it has none. */
  public float[] vector(String word) {
    float[] v = vectors.get(word);
    return v == null ? null : v.clone();
  }

  public boolean contains(String word) {
    return vectors.containsKey(word);
  }

  /** The words that have a vector, in the order they were asked for. */
  public Set<String> words() {
    return vectors.keySet();
  }

  /** Number of asked-for words that have a vector (exactly or by their lower case). */
  public int found() {
    return vectors.size();
  }

  /** Of {@link #found}, how many came from the lower-case form. */
  public int foundByLowerCase() {
    return foundByLowerCase;
  }

  /** The asked-for words the file has no vector for, even in lower case. */
  public List<String> notFound() {
    return notFound;
  }

  /** One line for a run's log: found / not found counts. */
  public String summary() {
    int asked = found() + notFound.size();
    return String.format(Locale.ROOT, "%d of %d words have vectors (%d by lower case), %d not found"
        + ", dimension %d", found(), asked, foundByLowerCase, notFound.size(), dimension);
  }
}
