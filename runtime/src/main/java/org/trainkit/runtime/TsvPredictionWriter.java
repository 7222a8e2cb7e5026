package org.trainkit.runtime;

import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer {@code predict} uses when a component names none: the component's {@link
 * Prediction} rows (what its {@code PredictionRenderer} shows in the saved outputs) as TSV,
 * {@code target<TAB>prediction}, one row per item.
 */
final class TsvPredictionWriter<R, B> implements PredictionWriter<R, B> {

  private final TrainableComponent<R, ?, B> component;

  TsvPredictionWriter(TrainableComponent<R, ?, B> component) {
    this.component = component;
  }

  @Override
  public String header(String format) {
    return "target\tprediction\n";
  }

  @Override
  public List<String> render(String format, List<R> items, B batch, NDList output) {
    List<Prediction> predictions = component.predictions(batch, output);
    if (predictions.size() != items.size()) {
      throw new UnsupportedOperationException("the component renders " + predictions.size()
          + " predictions for a batch of " + items.size() + " items: implement PredictionRenderer"
          + " (one Prediction per item) or name a PredictionWriter with @Trainable(writer = ...)");
    }
    List<String> rows = new ArrayList<>(predictions.size());
    for (Prediction p : predictions) {
      rows.add(oneLine(p.target()) + '\t' + oneLine(p.prediction()) + '\n');
    }
    return rows;
  }

  private static String oneLine(String text) {
    return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
