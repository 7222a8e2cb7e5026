package org.trainkit.nlp.crf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The linear-chain CRF's computations on plain arrays, so they can be checked on any values (in
 * float64 too) apart from a block's parameters.
 *
 * <p>Shapes: emissions {@code (B, T, K)}, transitions {@code (K, K)} (row: previous tag, column:
 * next tag), start and end {@code (K)}, tags {@code (B, T)} integers, lengths {@code (B)}
 * integers in {@code [1, T]}. Positions at or after a sequence's length are padding: they add
 * nothing to any score.
 *
 * <p>Every result belongs to the emissions' manager (operations are written with a batch array,
 * not a parameter, as the receiver), so closing the batch's manager frees them all.
 *
 * <p>Speed: everything is vectorized over the batch and the tags; only time is a Java loop, of
 * four native calls per step in the forward algorithm (see {@link #logPartition}). Measured
 * with {@code CrfTimingMain} (batch 32, length 30, 9 tags, one thread): NLL + backward 5.6–5.7 ms
 * on a quiet machine, against 6.6–6.9 ms for the log-space algorithm it replaced (seven calls a
 * step, as pytorch-crf does it); on a busy machine that one had taken 23–25 ms against 20–21 ms
 * for a pytorch-crf style CRF in PyTorch 2.13. Viterbi was 20 ms against 3.3 ms as native calls per
 * step; it now runs in Java over one copy of the scores (see {@link #viterbi}): in one run of
 * {@code CrfTimingMain} on the same (then overloaded) machine it cost 4–11 % of the NLL +
 * backward, where it had cost about 80 %.
 */
final class CrfAlgorithms {

  /** A score no allowed path reaches; exp of it (relative to any real score) is exactly 0. */
  static final float FORBIDDEN = -1e30f;

  private CrfAlgorithms() {}

  /** {@code (B, T)} booleans: true where the position is inside its sequence. */
  static NDArray mask(NDArray lengths, long time) {
    NDArray positions = lengths.getManager().arange(0, (int) time, 1, DataType.INT64);
    return positions.expandDims(0).lt(lengths.toType(DataType.INT64, false).expandDims(1));
  }

  /**
   * log Σ over all tag sequences of exp(score): {@code (B)}, by the forward algorithm in
   * probability space with a normalization at every step (Rabiner's scaled forward algorithm).
   *
   * <p>A step is a matrix product with exp(transitions), a product with exp(emissions[t]) and a
   * division by the sum: four native calls where a log-space step (add, max, subtract, exp, sum,
   * log, add) takes seven, in the forward pass and again in the backward. Every exponent is taken
   * relative to its maximum (the transitions' overall, each position's over its tags), so nothing
   * overflows; the maxima and the logs of the normalizers add back into the result.
   *
   * <p>Padding needs no mask inside the loop: the loop runs over all T steps, and each sequence
   * takes its normalizers up to its own last step and its own last step's distribution.
   *
   * <p>Range: a step's normalizer is at least exp(−(spread of the transitions)) times the weight
   * that reaches the best-emission tag, so it underflows only when learned transitions differ by
   * more than about 80 (float32); a trained CRF's are within ±10.
   */
  static NDArray logPartition(
      NDArray emissions, NDArray transitions, NDArray start, NDArray end, NDArray lengths) {
    Shape shape = emissions.getShape();
    long batch = shape.get(0);
    long time = shape.get(1);
    long tags = shape.get(2);
    NDArray emissionMax = emissions.max(new int[] {2}, true).stopGradient(); // (B, T, 1)
    NDArray probabilities = emissions.sub(emissionMax).exp(); // (B, T, K), each maximum 1
    NDArray transitionsHere = inBatch(emissions, transitions);
    NDArray transitionMax = transitionsHere.max().stopGradient();
    NDArray moves = transitionsHere.sub(transitionMax).exp(); // (K, K)

    NDArray first = emissions.get(":, 0, :").add(start);
    NDArray firstMax = first.max(new int[] {1}, true).stopGradient(); // (B, 1)
    NDArray weights = first.sub(firstMax).exp();
    NDArray normalizer = weights.sum(new int[] {1}, true);
    // alpha: (1, B, K), each row summing to 1; the leading axis lets each step's slice of the
    // time-major probabilities multiply it without a reshape
    NDArray alpha = weights.div(normalizer).reshape(1, batch, tags);
    // log Z = log of the first normalizer + Σ over later steps (log normalizer + maxima) + the end
    NDArray logZ = normalizer.log().add(firstMax).reshape(batch);
    NDArray last = alpha;
    if (time > 1) {
      NDList stepProbabilities = probabilities.get(":, 1:, :").transpose(1, 0, 2).split(time - 1, 0);
      NDList alphas = new NDList((int) time);
      NDList normalizers = new NDList((int) time - 1);
      alphas.add(alpha);
      for (int t = 0; t < time - 1; t++) {
        NDArray next = alpha.matMul(moves).mul(stepProbabilities.get(t));
        normalizer = next.sum(new int[] {2}, true);
        alpha = next.div(normalizer);
        alphas.add(alpha);
        normalizers.add(normalizer);
      }
      NDArray n = lengths.toType(DataType.INT64, false);
      NDArray inside = mask(n, time).get(":, 1:").toType(emissions.getDataType(), false);
      NDArray stepLogs = NDArrays.concat(normalizers, 0).reshape(time - 1, batch).transpose().log()
          .add(emissionMax.get(":, 1:, 0")).add(transitionMax); // (B, T-1)
      logZ = logZ.add(stepLogs.mul(inside).sum(new int[] {1}));
      // each sequence's distribution at its last step
      NDArray stacked = NDArrays.concat(alphas, 0); // (T, B, K)
      last = stacked.gather(n.sub(1).reshape(1, batch, 1).broadcast(1, batch, tags), 0);
    }
    last = last.reshape(batch, tags);
    NDArray endHere = inBatch(emissions, end);
    NDArray endMax = endHere.max().stopGradient();
    return logZ.add(last.mul(endHere.sub(endMax).exp()).sum(new int[] {1}).log()).add(endMax);
  }

  /**
   * {@code parameter} as an array of {@code batch}'s manager (0 + parameter, differentiable), so
   * that what is computed from it alone is freed with the batch, not kept by the model.
   */
  private static NDArray inBatch(NDArray batch, NDArray parameter) {
    return batch.getManager().zeros(new Shape(), parameter.getDataType()).add(parameter);
  }

  /** The score of the given tag sequences: {@code (B)}. */
  static NDArray sequenceScore(
      NDArray emissions,
      NDArray transitions,
      NDArray start,
      NDArray end,
      NDArray tags,
      NDArray lengths) {
    long time = emissions.getShape().get(1);
    long tagCount = emissions.getShape().get(2);
    NDArray y = tags.toType(DataType.INT64, false);
    NDArray n = lengths.toType(DataType.INT64, false);
    NDArray inside = mask(n, time).toType(emissions.getDataType(), false);
    NDArray score =
        emissions.gather(y.expandDims(2), 2).squeeze(2).mul(inside).sum(new int[] {1});
    NDManager manager = emissions.getManager();
    score = score.add(start.take(manager, y.get(":, 0")));
    if (time > 1) {
      // Flat index previous * K + next into the (K, K) transitions.
      NDArray pairs = y.get(":, :" + (time - 1)).mul(tagCount).add(y.get(":, 1:"));
      NDArray transitionScores = transitions.take(manager, pairs).mul(inside.get(":, 1:"));
      score = score.add(transitionScores.sum(new int[] {1}));
    }
    NDArray last = y.gather(n.sub(1).expandDims(1), 1).squeeze(1);
    return score.add(end.take(manager, last));
  }

  /** {@code logPartition - sequenceScore}: the negative log-likelihood of each sequence. */
  static NDArray negativeLogLikelihood(
      NDArray emissions,
      NDArray transitions,
      NDArray start,
      NDArray end,
      NDArray tags,
      NDArray lengths) {
    return logPartition(emissions, transitions, start, end, lengths)
        .sub(sequenceScore(emissions, transitions, start, end, tags, lengths));
  }

  /**
   * The highest-scoring tag sequence of each sequence, each as long as its length (Viterbi).
   * Runs outside autograd.
   */
  static int[][] viterbi(
      NDArray emissions, NDArray transitions, NDArray start, NDArray end, NDArray lengths) {
    Shape shape = emissions.getShape();
    int batch = Math.toIntExact(shape.get(0));
    int time = Math.toIntExact(shape.get(1));
    int tags = Math.toIntExact(shape.get(2));
    long[] n = lengths.toType(DataType.INT64, false).toLongArray();
    if (n.length != batch) {
      throw new IllegalArgumentException(
          "lengths has " + n.length + " entries for a batch of " + batch);
    }
    for (int b = 0; b < batch; b++) {
      if (n[b] < 1 || n[b] > time) {
        throw new IllegalArgumentException(
            "length of sequence " + b + " is " + n[b] + ", not in [1, " + time + "]");
      }
    }
    // Viterbi is a sequential maximum over a few tags: in Java over one copy of the scores it
    // costs microseconds, where a native max and argmax per step cost milliseconds a batch.
    double[] e = emissions.stopGradient().toType(DataType.FLOAT64, false).toDoubleArray();
    double[] trans = transitions.stopGradient().toType(DataType.FLOAT64, false).toDoubleArray();
    double[] first = start.stopGradient().toType(DataType.FLOAT64, false).toDoubleArray();
    double[] last = end.stopGradient().toType(DataType.FLOAT64, false).toDoubleArray();
    int[][] paths = new int[batch][];
    double[] score = new double[tags];
    double[] next = new double[tags];
    for (int b = 0; b < batch; b++) {
      int length = (int) n[b];
      int[] pointers = new int[length * tags]; // best previous tag of each tag at each step
      int base = b * time * tags;
      for (int j = 0; j < tags; j++) {
        score[j] = first[j] + e[base + j];
      }
      for (int t = 1; t < length; t++) {
        for (int j = 0; j < tags; j++) {
          int best = 0;
          double bestScore = score[0] + trans[j];
          for (int i = 1; i < tags; i++) {
            double s = score[i] + trans[i * tags + j];
            if (s > bestScore) {
              bestScore = s;
              best = i;
            }
          }
          pointers[t * tags + j] = best;
          next[j] = bestScore + e[base + t * tags + j];
        }
        System.arraycopy(next, 0, score, 0, tags);
      }
      int tag = 0;
      for (int j = 1; j < tags; j++) {
        if (score[j] + last[j] > score[tag] + last[tag]) {
          tag = j;
        }
      }
      int[] path = new int[length];
      path[length - 1] = tag;
      for (int t = length - 1; t > 0; t--) {
        path[t - 1] = pointers[t * tags + path[t]];
      }
      paths[b] = path;
    }
    return paths;
  }
}
