package org.trainkit.examples.data;

import java.util.List;
import java.util.Objects;

/**
 * One abstract of a PubMed-RCT-style file: its id and its sentences, each with its label (e.g.
 * {@code METHODS}).
 *
 * @param id the id from the {@code ###<id>} header line
 * @param sentences the sentences, in order
 * @param labels the labels, one per sentence; empty for an abstract without labels (to predict)
 */
public record Abstract(String id, List<String> sentences, List<String> labels) {

  /** Copies both lists; {@code labels} has one per sentence, or none. */
  public Abstract {
    Objects.requireNonNull(id, "id");
    sentences = List.copyOf(sentences);
    labels = List.copyOf(labels);
    if (!labels.isEmpty() && sentences.size() != labels.size()) {
      throw new IllegalArgumentException(
          sentences.size() + " sentences but " + labels.size() + " labels");
    }
  }

  /** Whether the sentences have their labels. */
  public boolean isLabeled() {
    return !labels.isEmpty() || sentences.isEmpty();
  }

  /** Number of sentences. */
  public int size() {
    return sentences.size();
  }
}
