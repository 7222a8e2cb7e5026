package org.trainkit.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The in-place affix hashes are the ones of the lower-cased copy's substrings, for every token. */
class TokenFeaturesTest {

  @Test
  void inPlaceAffixHashesEqualThoseOfTheLowerCasedSubstrings() {
    List<String> tokens = List.of("", "a", "Ab", "ABC", "nephritis", "Zoramab", "IL-2", "5'-UTR",
        "[", "Straße", "İstanbul", "naïve", "ΑΒΓΔ", "x\u00c0y", "ALL-CAPS-WORD", "@#~");
    Random random = new Random(7);
    List<String> all = new java.util.ArrayList<>(tokens);
    for (int i = 0; i < 2000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(9);
      for (int j = 0; j < length; j++) {
        b.append((char) (random.nextInt(10) == 0 ? 0x80 + random.nextInt(0x200) : 0x20 + random.nextInt(0x5f)));
      }
      all.add(b.toString());
    }
    for (String token : all) {
      int[] fast = new int[TokenFeatures.AFFIXES];
      int[] copies = new int[TokenFeatures.AFFIXES];
      TokenFeatures.affixes(token, fast, 0);
      TokenFeatures.affixesOfCopies(token, copies, 0);
      assertArrayEquals(copies, fast, token);
    }
  }
}
