package org.trainkit.nlp.tokenize;

/**
 * One model input cut from a sentence: {@code [CLS]} pieces {@code [SEP]}, at most the
 * tokenizer's maximum length. {@code wordIds} index the sentence's words (-1 for the special
 * tokens); {@code firstPieceOfWord[i]} is true where piece {@code i} starts its word (false for
 * continuation pieces, including those of a word cut at the previous window's end, and for the
 * special tokens).
 */
public record TokenWindow(long[] ids, int[] wordIds, boolean[] firstPieceOfWord) {

  public int size() {
    return ids.length;
  }
}
