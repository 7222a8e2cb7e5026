package org.trainkit.nlp.bert;

import java.util.List;

/**
 * What loading a checkpoint's weights did, for the run to print.
 *
 * @param loaded Hugging Face names of the parameters set from the file
 * @param newParameters parameters the file did not provide (they keep their initial values)
 * @param unused file tensors that no parameter took (a checkpoint of another head, say)
 * @param ignored file tensors skipped on purpose ({@code position_ids}, {@code cls.*} heads)
 * @param head what happened to the classification head, in words
 */
public record LoadReport(List<String> loaded, List<String> newParameters, List<String> unused,
    List<String> ignored, String head) {

  public LoadReport {
    loaded = List.copyOf(loaded);
    newParameters = List.copyOf(newParameters);
    unused = List.copyOf(unused);
    ignored = List.copyOf(ignored);
  }

  /** A few lines for the console: counts, then the new and unused names in full. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append("loaded ").append(loaded.size()).append(" tensors; head: ").append(head);
    if (!newParameters.isEmpty()) {
      out.append("\nnew (not in the checkpoint): ").append(String.join(", ", newParameters));
    }
    if (!unused.isEmpty()) {
      out.append("\nunused (in the checkpoint, not in this model): ")
          .append(String.join(", ", unused));
    }
    if (!ignored.isEmpty()) {
      out.append("\nignored: ").append(String.join(", ", ignored));
    }
    return out.toString();
  }
}
