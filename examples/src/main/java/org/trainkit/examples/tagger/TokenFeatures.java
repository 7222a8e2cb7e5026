package org.trainkit.examples.tagger;

import java.util.Locale;

/**
 * What a token looks like beyond its identity: hashed prefixes and suffixes (entity names
 * unseen in training still end in {@code -itis} or {@code -mab}) and its word shape.
 */
final class TokenFeatures {

  /** Affixes per token: prefixes of 2 and 3, suffixes of 2, 3 and 4 characters. */
  static final int AFFIXES = 5;
  /** Hash buckets shared by all affixes. */
  static final int AFFIX_BUCKETS = 8192;
  /** Shape ids: 0 padding, then lower, Capitalized, UPPER, digits, punctuation, other. */
  static final int SHAPES = 7;

  private TokenFeatures() {}

  /**
   * The affix buckets of {@code token}, written at {@code into[offset..offset + AFFIXES)}: the
   * hashes of its lower-cased prefixes and suffixes, computed in place for an ASCII token (no
   * lower-cased copy, no substrings; the same numbers as {@link String#hashCode} of them).
   */
  static void affixes(String token, int[] into, int offset) {
    int n = token.length();
    if (!isAscii(token)) {
      affixesOfCopies(token, into, offset);
      return;
    }
    into[offset] = bucket('p', lowerHash(token, 0, Math.min(2, n)));
    into[offset + 1] = bucket('p', lowerHash(token, 0, Math.min(3, n)));
    into[offset + 2] = bucket('s', lowerHash(token, Math.max(0, n - 2), n));
    into[offset + 3] = bucket('s', lowerHash(token, Math.max(0, n - 3), n));
    into[offset + 4] = bucket('s', lowerHash(token, Math.max(0, n - 4), n));
  }

  /** {@link #affixes} by way of a lower-cased copy and its substrings (any token). */
  static void affixesOfCopies(String token, int[] into, int offset) {
    String t = token.toLowerCase(Locale.ROOT);
    into[offset] = bucket('p', prefix(t, 2));
    into[offset + 1] = bucket('p', prefix(t, 3));
    into[offset + 2] = bucket('s', suffix(t, 2));
    into[offset + 3] = bucket('s', suffix(t, 3));
    into[offset + 4] = bucket('s', suffix(t, 4));
  }

  static int shape(String token) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean letter = false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      upper |= Character.isUpperCase(c);
      lower |= Character.isLowerCase(c);
      digit |= Character.isDigit(c);
      letter |= Character.isLetter(c);
    }
    if (digit) {
      return 4;
    }
    if (!letter) {
      return 5;
    }
    if (upper && !lower) {
      return 3;
    }
    if (Character.isUpperCase(token.charAt(0)) && lower) {
      return 2;
    }
    return lower ? 1 : 6;
  }

  private static boolean isAscii(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** {@code token.substring(from, to).toLowerCase(Locale.ROOT).hashCode()} for an ASCII token. */
  private static int lowerHash(String token, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      char c = token.charAt(i);
      h = 31 * h + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return h;
  }

  private static String prefix(String t, int n) {
    return t.length() <= n ? t : t.substring(0, n);
  }

  private static String suffix(String t, int n) {
    return t.length() <= n ? t : t.substring(t.length() - n);
  }

  private static int bucket(char kind, String gram) {
    return bucket(kind, gram.hashCode());
  }

  private static int bucket(char kind, int gramHash) {
    int h = kind * 31 + gramHash;
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    h ^= h >>> 16;
    // 0 stays free for padding
    return 1 + Math.floorMod(h, AFFIX_BUCKETS - 1);
  }
}
