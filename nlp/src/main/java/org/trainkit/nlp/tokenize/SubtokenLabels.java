package org.trainkit.nlp.tokenize;

/**
 * Word labels ↔ piece labels. Hugging Face's recipe (and medkit's default): a word's label goes
 * to its first piece, the other pieces and the special tokens get {@link #IGNORED} and are left
 * out of the loss and of the predictions; with {@code everyPiece} each piece of a word carries
 * the word's label (medkit's {@code tagging_scheme} "every sub-token").
 */
public final class SubtokenLabels {

  /** The label of a piece the loss skips (PyTorch's {@code ignore_index} default). */
  public static final int IGNORED = -100;

  private SubtokenLabels() {}

  /** One label per piece of {@code window}, from one label per word of the sentence. */
  public static int[] pieceLabels(TokenWindow window, int[] wordLabels, boolean everyPiece) {
    int[] out = new int[window.size()];
    for (int i = 0; i < out.length; i++) {
      int word = window.wordIds()[i];
      boolean labelled = word >= 0 && (everyPiece || window.firstPieceOfWord()[i]);
      out[i] = labelled ? wordLabels[word] : IGNORED;
    }
    return out;
  }

  /**
   * Writes the prediction of each word whose first piece lies in {@code window} into
   * {@code wordPredictions} (one slot per word of the sentence); other slots are left as they
   * are, so calling this for every window of a sentence fills every word.
   */
  public static void wordPredictions(TokenWindow window, int[] piecePredictions,
      int[] wordPredictions) {
    for (int i = 0; i < window.size(); i++) {
      if (window.firstPieceOfWord()[i]) {
        wordPredictions[window.wordIds()[i]] = piecePredictions[i];
      }
    }
  }
}
