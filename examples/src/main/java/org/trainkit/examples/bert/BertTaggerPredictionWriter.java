package org.trainkit.examples.bert;

import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import org.trainkit.examples.data.Sentence;
import org.trainkit.examples.tagger.EntityPredictionWriter;

/**
 * How {@code bert-tagger predict} writes (see {@link EntityPredictionWriter}): each sentence's
 * tags in its file's scheme — IOBES when its tags have {@code E-} or {@code S-}, IOB2 when they
 * have {@code B-} or {@code I-} only — and, for a sentence whose tags do not tell (none, or all
 * {@code O}), in the scheme the tagger was trained in.
 */
final class BertTaggerPredictionWriter extends EntityPredictionWriter<BertTagger.TagBatch> {

  private final BertTagger tagger;

  BertTaggerPredictionWriter(BertTagger tagger) {
    this.tagger = tagger;
  }

  @Override
  protected List<List<String>> tags(List<Sentence> items, BertTagger.TagBatch batch, NDList output) {
    List<List<String>> predicted = tagger.predictedTags(batch, output);
    List<List<String>> written = new ArrayList<>(predicted.size());
    for (int i = 0; i < predicted.size(); i++) {
      written.add(schemeOf(items.get(i)).encode(predicted.get(i)));
    }
    return written;
  }

  private TagScheme schemeOf(Sentence sentence) {
    boolean entities = sentence.tags().stream().anyMatch(tag -> !tag.equals("O"));
    return entities ? TagScheme.of(List.of(sentence.tags())) : tagger.scheme();
  }
}
