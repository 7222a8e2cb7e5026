package org.trainkit.examples.data;

import java.util.List;

/**
 * One sentence of a CoNLL-style file: its tokens and one entity tag per token ({@code O},
 * {@code B-X}, {@code I-X}, {@code E-X} or {@code S-X}), or no tags when it is to be tagged.
 *
 * @param tokens the tokens, in order
 * @param tags the tags, one per token; empty for a sentence without tags (to predict)
 * @param source the input the sentence was read from, kept for writing predictions back: its
 *     token lines (every column) for CoNLL, the document's text for plain text; empty when the
 *     sentence was built in code
 */
public record Sentence(List<String> tokens, List<String> tags, List<String> source) {

  /** Copies the lists; {@code tags} has one per token, or none. */
  public Sentence {
    tokens = List.copyOf(tokens);
    tags = List.copyOf(tags);
    source = List.copyOf(source);
    if (!tags.isEmpty() && tokens.size() != tags.size()) {
      throw new IllegalArgumentException(
          tokens.size() + " tokens but " + tags.size() + " tags");
    }
  }

  /** A tagged sentence built in code. */
  public Sentence(List<String> tokens, List<String> tags) {
    this(tokens, tags, List.of());
  }

  /** A sentence without tags, to predict. */
  public static Sentence untagged(List<String> tokens, List<String> source) {
    return new Sentence(tokens, List.of(), source);
  }

  /** Whether the sentence has its tags (an empty sentence has, trivially). */
  public boolean isTagged() {
    return !tags.isEmpty() || tokens.isEmpty();
  }

  /**
   * Equal to a sentence of the same tokens and tags: where it was read from ({@link #source()})
   * is not part of what the sentence is.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Sentence s && tokens.equals(s.tokens) && tags.equals(s.tags);
  }

  @Override
  public int hashCode() {
    return 31 * tokens.hashCode() + tags.hashCode();
  }

  /** Number of tokens. */
  public int size() {
    return tokens.size();
  }
}
