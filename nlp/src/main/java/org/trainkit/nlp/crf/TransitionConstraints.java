package org.trainkit.nlp.crf;

import java.util.Arrays;
import java.util.List;

/**
 * Which tag sequences decoding may output: which tag may follow which, which may start a
 * sequence and which may end one. {@link #none} allows everything; {@link #bio} allows only
 * valid BIO (IOB2) sequences.
 */
public final class TransitionConstraints {

  private final boolean[][] allowed;
  private final boolean[] allowedStart;
  private final boolean[] allowedEnd;

  private TransitionConstraints(boolean[][] allowed, boolean[] allowedStart, boolean[] allowedEnd) {
    this.allowed = allowed;
    this.allowedStart = allowedStart;
    this.allowedEnd = allowedEnd;
  }

  /** No constraint on {@code tags} tags. */
  public static TransitionConstraints none(int tags) {
    if (tags < 1) {
      throw new IllegalArgumentException("a CRF needs at least one tag, got " + tags);
    }
    boolean[][] allowed = new boolean[tags][tags];
    for (boolean[] row : allowed) {
      Arrays.fill(row, true);
    }
    boolean[] all = new boolean[tags];
    Arrays.fill(all, true);
    return new TransitionConstraints(allowed, all, all.clone());
  }

  /**
   * Valid BIO (IOB2) sequences over the given labels, indexed as the CRF's tags: {@code I-X}
   * only after {@code B-X} or {@code I-X}, never first; everything else is free.
   *
   * @param labels tag names: {@code O}, {@code B-<type>}, {@code I-<type>}
   * @throws IllegalArgumentException naming a label that is none of these
   */
  public static TransitionConstraints bio(List<String> labels) {
    TransitionConstraints c = none(labels.size());
    for (int j = 0; j < labels.size(); j++) {
      String inside = insideType(labels.get(j), j);
      if (inside == null) {
        continue;
      }
      c.allowedStart[j] = false;
      for (int i = 0; i < labels.size(); i++) {
        String previous = labels.get(i);
        c.allowed[i][j] = previous.equals("B-" + inside) || previous.equals("I-" + inside);
      }
    }
    return c;
  }

  /** The entity type of an {@code I-} label, null for {@code O} and {@code B-}. */
  private static String insideType(String label, int index) {
    if (label.equals("O")) {
      return null;
    }
    if (label.length() > 2 && label.charAt(1) == '-') {
      if (label.charAt(0) == 'B') {
        return null;
      }
      if (label.charAt(0) == 'I') {
        return label.substring(2);
      }
    }
    throw new IllegalArgumentException(
        "label " + index + " '" + label + "' is not a BIO label (O, B-<type> or I-<type>)");
  }

  /** Number of tags. */
  public int tags() {
    return allowed.length;
  }

  /** True when tag {@code to} may directly follow tag {@code from}. */
  public boolean allows(int from, int to) {
    return allowed[from][to];
  }

  /** True when a sequence may start with {@code tag}. */
  public boolean allowsStart(int tag) {
    return allowedStart[tag];
  }

  /** True when a sequence may end with {@code tag}. */
  public boolean allowsEnd(int tag) {
    return allowedEnd[tag];
  }

  /** True when the whole path is allowed. */
  public boolean allowsPath(int[] path) {
    if (path.length == 0) {
      return true;
    }
    if (!allowsStart(path[0]) || !allowsEnd(path[path.length - 1])) {
      return false;
    }
    for (int t = 1; t < path.length; t++) {
      if (!allows(path[t - 1], path[t])) {
        return false;
      }
    }
    return true;
  }

  /** True when nothing is forbidden (decoding then needs no penalties). */
  public boolean isUnconstrained() {
    for (int i = 0; i < tags(); i++) {
      if (!allowedStart[i] || !allowedEnd[i]) {
        return false;
      }
      for (boolean a : allowed[i]) {
        if (!a) {
          return false;
        }
      }
    }
    return true;
  }

  /** Row-major {@code (tags, tags)}: 0 where allowed, {@code penalty} where forbidden. */
  float[] transitionPenalties(float penalty) {
    int k = tags();
    float[] p = new float[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        p[i * k + j] = allowed[i][j] ? 0f : penalty;
      }
    }
    return p;
  }

  float[] startPenalties(float penalty) {
    return penalties(allowedStart, penalty);
  }

  float[] endPenalties(float penalty) {
    return penalties(allowedEnd, penalty);
  }

  private static float[] penalties(boolean[] allowed, float penalty) {
    float[] p = new float[allowed.length];
    for (int i = 0; i < allowed.length; i++) {
      p[i] = allowed[i] ? 0f : penalty;
    }
    return p;
  }
}
