package org.trainkit.benchmarks.tagger;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.trainkit.nlp.crf.LinearChainCrf;

/**
 * The CRF tagger's loss ({@code EntityTagger}'s {@code @Forward} with the CRF decoder) as a DJL
 * {@link Loss}: the CRF's negative log-likelihood summed over the batch, divided by its tokens.
 * Labels are {@code (gold (B, T), lengths (B))}.
 */
public final class CrfTaggerLoss extends Loss {

  private final LinearChainCrf crf;

  public CrfTaggerLoss(LinearChainCrf crf) {
    super("crf_tagger_loss");
    this.crf = crf;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray lengths = labels.get(1);
    return crf.negativeLogLikelihood(predictions.head(), labels.get(0), lengths)
        .sum().div(lengths.sum());
  }
}
