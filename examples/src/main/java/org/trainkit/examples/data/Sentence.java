package org.trainkit.examples.data;

import java.util.List;

/**
 * One tagged sentence of a CoNLL-style file: its tokens and one entity tag per token ({@code O},
 * {@code B-X}, {@code I-X}, {@code E-X} or {@code S-X}).
 *
 * @param tokens the tokens, in order
 * @param tags the tags, one per token
 */
public record Sentence(List<String> tokens, List<String> tags) {

  /** Copies both lists, which must be of the same length. */
  public Sentence {
    tokens = List.copyOf(tokens);
    tags = List.copyOf(tags);
    if (tokens.size() != tags.size()) {
      throw new IllegalArgumentException(
          tokens.size() + " tokens but " + tags.size() + " tags");
    }
  }

  /** Number of tokens. */
  public int size() {
    return tokens.size();
  }
}
