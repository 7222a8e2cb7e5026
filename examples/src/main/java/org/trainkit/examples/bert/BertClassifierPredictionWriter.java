package org.trainkit.examples.bert;

import ai.djl.ndarray.NDList;
import java.util.List;
import org.trainkit.examples.classifier.LabeledSentence;
import org.trainkit.examples.classifier.RctPredictionWriter;
import org.trainkit.examples.data.Abstract;

/** How {@code bert-classifier predict} writes: PubMed-RCT (see {@link RctPredictionWriter}). */
final class BertClassifierPredictionWriter extends RctPredictionWriter<BertClassifier.SentenceBatch> {

  private final BertClassifier classifier;

  BertClassifierPredictionWriter(BertClassifier classifier) {
    this.classifier = classifier;
  }

  @Override
  protected List<List<LabeledSentence>> label(
      List<Abstract> items, BertClassifier.SentenceBatch batch, NDList output) {
    return classifier.label(items, batch, output);
  }
}
