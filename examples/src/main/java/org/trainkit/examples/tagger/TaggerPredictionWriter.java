package org.trainkit.examples.tagger;

import ai.djl.ndarray.NDList;
import java.util.List;
import org.trainkit.examples.data.Sentence;

/** How {@code tagger predict} writes: the tagger's decoded tags (see {@link EntityPredictionWriter}). */
final class TaggerPredictionWriter extends EntityPredictionWriter<EntityTagger.TaggerBatch> {

  private final EntityTagger tagger;

  TaggerPredictionWriter(EntityTagger tagger) {
    this.tagger = tagger;
  }

  @Override
  protected List<List<String>> tags(List<Sentence> items, EntityTagger.TaggerBatch batch, NDList output) {
    return tagger.decode(batch, output);
  }
}
