package org.trainkit.nlp.tokenize;

import java.util.List;

/**
 * A tokenized text or word list with its alignment. For each piece: its text, its vocabulary
 * id, the index of the word it belongs to (-1 for {@code [CLS]}/{@code [SEP]}) and its character
 * span {@code [start, end)} — in the text for {@link AlignedTokenizer#encodeText}, within its
 * word for {@link AlignedTokenizer#encodeWords} (as Hugging Face's offsets with
 * {@code is_split_into_words}); special tokens have {@code [0, 0)}.
 */
public record WordPieces(List<String> pieces, long[] ids, int[] wordIds, int[] charStarts,
    int[] charEnds) {

  public WordPieces {
    pieces = List.copyOf(pieces);
  }

  public int size() {
    return pieces.size();
  }
}
