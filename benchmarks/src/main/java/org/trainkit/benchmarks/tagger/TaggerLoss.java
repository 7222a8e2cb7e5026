package org.trainkit.benchmarks.tagger;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * {@code EntityTagger}'s loss as a DJL {@link Loss}: token negative log-likelihood, masked, mean
 * over real tokens. Labels are {@code (gold (B, T), mask (B, T))}.
 */
public final class TaggerLoss extends Loss {

  public TaggerLoss() {
    super("tagger_loss");
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray scores = predictions.head();
    NDArray logProbabilities = scores.logSoftmax(2);
    NDArray gold = labels.get(0).oneHot((int) scores.getShape().get(2));
    NDArray mask = labels.get(1);
    NDArray tokenLoss = logProbabilities.mul(gold).sum(new int[] {2}).neg().mul(mask);
    return tokenLoss.sum().div(mask.sum().maximum(1f));
  }
}
