package org.trainkit.nlp.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Long sentences become windows with no piece lost; word labels map to pieces and back. */
class TokenWindowsTest {

  private static final List<String> SENTENCE = Arrays.asList(("The patient was given aspirin"
      + " for hypertension and hypoglycemia with cardiomyopathy in Paris").split(" "));

  @Test
  void longSentenceIsCutIntoWindowsWithoutLosingAPiece() {
    try (AlignedTokenizer tokenizer =
        AlignedTokenizer.open(TokenizerParityTest.model("token-model"), 8)) {
      WordPieces whole = tokenizer.encodeWords(SENTENCE);
      List<TokenWindow> windows = tokenizer.windows(SENTENCE);
      assertTrue(windows.size() > 2, "expected several windows, got " + windows.size());

      List<Long> ids = new ArrayList<>();
      List<Integer> words = new ArrayList<>();
      for (TokenWindow w : windows) {
        assertTrue(w.size() <= 8, "window of " + w.size() + " pieces");
        assertEquals(whole.ids()[0], w.ids()[0], "window starts with [CLS]");
        assertEquals(whole.ids()[whole.size() - 1], w.ids()[w.size() - 1], "ends with [SEP]");
        for (int i = 1; i < w.size() - 1; i++) {
          ids.add(w.ids()[i]);
          words.add(w.wordIds()[i]);
        }
      }
      long[] inner = Arrays.copyOfRange(whole.ids(), 1, whole.size() - 1);
      assertArrayEquals(inner, ids.stream().mapToLong(Long::longValue).toArray());
      assertArrayEquals(Arrays.copyOfRange(whole.wordIds(), 1, whole.size() - 1),
          words.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  @Test
  void windowsEndAtWordBoundariesAndAWordTooLongIsCut() {
    // "hypoglycemia" is 5 pieces (hypo ##g ##ly ##c ##emia); windows of 3+2 pieces must cut it.
    try (AlignedTokenizer tokenizer =
        AlignedTokenizer.open(TokenizerParityTest.model("token-model"), 5)) {
      List<String> words = List.of("and", "hypoglycemia", "pain");
      List<TokenWindow> windows = tokenizer.windows(words);
      assertArrayEquals(new int[] {-1, 0, -1}, windows.get(0).wordIds(),
          "the first window stops before the long word");
      assertArrayEquals(new int[] {-1, 1, 1, 1, -1}, windows.get(1).wordIds());
      assertArrayEquals(new boolean[] {false, true, false, false, false},
          windows.get(1).firstPieceOfWord());
      assertArrayEquals(new int[] {-1, 1, 1, 2, -1}, windows.get(2).wordIds());
      assertArrayEquals(new boolean[] {false, false, false, true, false},
          windows.get(2).firstPieceOfWord(), "a cut word's continuation is not a first piece");
      assertEquals(3, windows.size());
    }
  }

  @Test
  void firstPieceLabelsAndBack() {
    try (AlignedTokenizer tokenizer =
        AlignedTokenizer.open(TokenizerParityTest.model("token-model"), 6)) {
      List<String> words = List.of("aspirin", "for", "hypertension", "pain");
      int[] wordLabels = {1, 0, 3, 0};
      List<TokenWindow> windows = tokenizer.windows(words);
      int ignored = SubtokenLabels.IGNORED;
      int[] first = SubtokenLabels.pieceLabels(windows.get(0), wordLabels, false);
      int[] every = SubtokenLabels.pieceLabels(windows.get(0), wordLabels, true);
      // [CLS] aspirin for hyper ##tension [SEP]
      assertArrayEquals(new int[] {ignored, 1, 0, 3, ignored, ignored}, first);
      assertArrayEquals(new int[] {ignored, 1, 0, 3, 3, ignored}, every);

      int[] predicted = new int[words.size()];
      Arrays.fill(predicted, -1);
      for (TokenWindow w : windows) {
        SubtokenLabels.wordPredictions(w, SubtokenLabels.pieceLabels(w, wordLabels, false),
            predicted);
      }
      assertArrayEquals(wordLabels, predicted, "every word gets the prediction of its first piece");
    }
  }
}
