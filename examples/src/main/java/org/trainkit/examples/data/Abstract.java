package org.trainkit.examples.data;

import java.util.List;
import java.util.Objects;

/**
 * One abstract of a PubMed-RCT-style file: its id and its sentences, each with its label (e.g.
 * {@code METHODS}).
 *
 * @param id the id from the {@code ###<id>} header line
 * @param sentences the sentences, in order
 * @param labels the labels, one per sentence
 */
public record Abstract(String id, List<String> sentences, List<String> labels) {

  /** Copies both lists, which must be of the same length. */
  public Abstract {
    Objects.requireNonNull(id, "id");
    sentences = List.copyOf(sentences);
    labels = List.copyOf(labels);
    if (sentences.size() != labels.size()) {
      throw new IllegalArgumentException(
          sentences.size() + " sentences but " + labels.size() + " labels");
    }
  }

  /** Number of sentences. */
  public int size() {
    return sentences.size();
  }
}
