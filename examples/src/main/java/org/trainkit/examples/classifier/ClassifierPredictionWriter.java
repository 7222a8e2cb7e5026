package org.trainkit.examples.classifier;

import ai.djl.ndarray.NDList;
import java.util.List;
import org.trainkit.examples.data.Abstract;

/** How {@code classifier predict} writes: the classifier's labels (see {@link RctPredictionWriter}). */
final class ClassifierPredictionWriter extends RctPredictionWriter<SentenceClassifier.AbstractBatch> {

  private final SentenceClassifier classifier;

  ClassifierPredictionWriter(SentenceClassifier classifier) {
    this.classifier = classifier;
  }

  @Override
  protected List<List<LabeledSentence>> label(
      List<Abstract> items, SentenceClassifier.AbstractBatch batch, NDList output) {
    return classifier.label(items, batch, output);
  }
}
