package org.trainkit.examples.classifier;

import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import org.trainkit.examples.data.Abstract;
import org.trainkit.examples.data.RctReader;
import org.trainkit.runtime.PredictionWriter;

/**
 * How a sentence classifier's {@code predict} writes: the input back in PubMed-RCT format, each
 * abstract's {@code ###<id>} header, then {@code LABEL<TAB>sentence} with the predicted label in
 * place of the given one (or of none), then a blank line. A classifier's writer says only how a
 * batch's output becomes labels ({@link #label}).
 *
 * @param <B> the classifier's batch type
 */
public abstract class RctPredictionWriter<B> implements PredictionWriter<Abstract, B> {

  @Override
  public List<String> formats() {
    return List.of("rct");
  }

  @Override
  public int length(Abstract item) {
    return item.size();
  }

  @Override
  public List<String> render(String format, List<Abstract> items, B batch, NDList output) {
    List<List<LabeledSentence>> labeled = label(items, batch, output);
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

  /** Each abstract's sentences with their predicted labels, in batch order. */
  protected abstract List<List<LabeledSentence>> label(List<Abstract> items, B batch, NDList output);
}
