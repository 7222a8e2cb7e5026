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

  static void affixes(String token, int[] into, int offset) {
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

  private static String prefix(String t, int n) {
    return t.length() <= n ? t : t.substring(0, n);
  }

  private static String suffix(String t, int n) {
    return t.length() <= n ? t : t.substring(t.length() - n);
  }

  private static int bucket(char kind, String gram) {
    int h = kind * 31 + gram.hashCode();
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    h ^= h >>> 16;
    // 0 stays free for padding
    return 1 + Math.floorMod(h, AFFIX_BUCKETS - 1);
  }
}
