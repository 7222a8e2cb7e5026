package org.trainkit.examples.classifier;

import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import org.trainkit.examples.data.Abstract;
import org.trainkit.examples.data.RctReader;
import org.trainkit.runtime.PredictionWriter;

/**
 * How {@code classifier predict} writes: the input back in PubMed-RCT format, each abstract's
 * {@code ###<id>} header, then {@code LABEL<TAB>sentence} with the predicted label in place of
 * the given one (or of none), then a blank line.
 */
final class RctPredictionWriter implements PredictionWriter<Abstract, SentenceClassifier.AbstractBatch> {

  private final SentenceClassifier classifier;

  RctPredictionWriter(SentenceClassifier classifier) {
    this.classifier = classifier;
  }

  @Override
  public List<String> formats() {
    return List.of("rct");
  }

  @Override
  public int length(Abstract item) {
    return item.size();
  }

  @Override
  public List<String> render(
      String format, List<Abstract> items, SentenceClassifier.AbstractBatch batch, NDList output) {
    List<List<LabeledSentence>> labeled = classifier.label(items, batch, output);
    List<String> rendered = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      StringBuilder out = new StringBuilder(RctReader.HEADER).append(items.get(i).id()).append('\n');
      for (LabeledSentence s : labeled.get(i)) {
        out.append(s.label()).append('\t').append(s.sentence()).append('\n');
      }
      rendered.add(out.append('\n').toString());
    }
    return rendered;
  }
}
