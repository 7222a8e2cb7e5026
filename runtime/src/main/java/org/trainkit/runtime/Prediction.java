package org.trainkit.runtime;

/**
 * One example's target and prediction as a person reads them, for the saved outputs ({@code
 * outputs/<split>-<iteration>.tsv}) and the report — e.g. {@code aspirin[DRUG] eased it}.
 *
 * @param target the gold answer, rendered as text
 * @param prediction the model's answer, rendered the same way
 * @param loss the example's own loss, or NaN when the component does not compute it
 */
public record Prediction(String target, String prediction, double loss) {

  /** A prediction without a per-example loss. */
  public static Prediction of(String target, String prediction) {
    return new Prediction(target, prediction, Double.NaN);
  }
}
