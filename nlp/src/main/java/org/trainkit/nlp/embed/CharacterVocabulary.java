package org.trainkit.nlp.embed;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.trainkit.runtime.data.DataFormatException;

/**
 * Character (code point) ids for a {@link CharCnnWordEncoder}: 0 is padding, 1 an unknown
 * character, the rest the characters seen in training, in code-point order (so the same
 * words always give the same ids).
 */
public final class CharacterVocabulary {

  public static final int PADDING = 0;
  public static final int UNKNOWN = 1;

  private final int[] codePoints;
  private final Map<Integer, Integer> ids = new HashMap<>();

  private CharacterVocabulary(int[] codePoints) {
    this.codePoints = codePoints;
    for (int i = 0; i < codePoints.length; i++) {
      ids.put(codePoints[i], i + 2);
    }
  }

  /** The characters of {@code words}. */
  public static CharacterVocabulary of(Iterable<String> words) {
    TreeSet<Integer> seen = new TreeSet<>();
    for (String w : words) {
      w.codePoints().forEach(seen::add);
    }
    return new CharacterVocabulary(seen.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Number of ids, padding and unknown included: the encoder's {@code characters}. */
  public int size() {
    return codePoints.length + 2;
  }

  public int id(int codePoint) {
    return ids.getOrDefault(codePoint, UNKNOWN);
  }

  /**
   * The character ids {@code (B, W, C)} and character counts {@code (B, W)} of a batch of
   * sentences; W is the longest sentence, C the longest word cut to {@code maxCharacters}.
   * Missing words have count 0.
   */
  public CharacterBatch encode(List<List<String>> sentences, int maxCharacters,
      NDManager manager) {
    int batch = sentences.size();
    int words = 1;
    int chars = 1;
    for (List<String> s : sentences) {
      words = Math.max(words, s.size());
      for (String w : s) {
        chars = Math.max(chars, Math.min(maxCharacters, w.codePointCount(0, w.length())));
      }
    }
    int[] idArray = new int[batch * words * chars];
    int[] lengths = new int[batch * words];
    for (int b = 0; b < batch; b++) {
      List<String> s = sentences.get(b);
      for (int w = 0; w < s.size(); w++) {
        int[] cps = s.get(w).codePoints().limit(chars).toArray();
        lengths[b * words + w] = cps.length;
        for (int c = 0; c < cps.length; c++) {
          idArray[(b * words + w) * chars + c] = id(cps[c]);
        }
      }
    }
    return new CharacterBatch(
        manager.create(idArray, new Shape(batch, words, chars)),
        manager.create(lengths, new Shape(batch, words)));
  }

  /** Writes the characters, one code point number per line, in id order. */
  public void save(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int cp : codePoints) {
      lines.add(Integer.toString(cp));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** Restores what {@link #save} wrote. */
  public static CharacterVocabulary load(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int[] cps = new int[lines.size()];
    for (int i = 0; i < cps.length; i++) {
      try {
        cps[i] = Integer.parseInt(lines.get(i).strip());
      } catch (NumberFormatException e) {
        throw new DataFormatException(file, i + 1, "expected a code point number, found '"
            + lines.get(i) + "'");
      }
    }
    return new CharacterVocabulary(cps);
  }
}
