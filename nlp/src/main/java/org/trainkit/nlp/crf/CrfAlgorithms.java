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
 * seven native calls per step (three in Viterbi). The per-step terms {@code transitions +
 * emissions[t]} are formed once for all steps before the loop. Measured (batch 32, length 30, 9
 * tags, one thread, busy 2-core machine): NLL + backward 23–25 ms against 20–21 ms for a
 * pytorch-crf style CRF in PyTorch 2.13. Viterbi was 20 ms against 3.3 ms as native calls per
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

  /** log Σ over all tag sequences of exp(score): {@code (B)}, by the forward algorithm. */
  static NDArray logPartition(
      NDArray emissions, NDArray transitions, NDArray start, NDArray end, NDArray lengths) {
    Shape shape = emissions.getShape();
    long batch = shape.get(0);
    long time = shape.get(1);
    long tags = shape.get(2);
    // alpha[b, j] = log Σ over paths ending in tag j at the current step. It alternates
    // between a column (1, B, K, 1) and a row (1, B, 1, K), meeting the step scores straight or
    // transposed, so no step needs a reshape.
    NDArray alpha = emissions.get(":, 0, :").add(start).reshape(1, batch, tags, 1);
    boolean column = true;
    if (time > 1) {
      Steps steps = steps(emissions, transitions, lengths);
      for (int t = 0; t < time - 1; t++) {
        alpha = column
            ? logSumExp(alpha.add(steps.straight.get(t)), 2)
            : logSumExp(alpha.add(steps.swapped.get(t)), 3);
        column = !column;
      }
    }
    return logSumExp(alpha.reshape(batch, tags).add(end), 1).reshape(batch);
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

  /** The scores of steps 1 … T-1, split by time, as {@code (1, B, K_prev, K)} and transposed. */
  private record Steps(NDList straight, NDList swapped) {}

  /**
   * {@code transitions[i, j] + emissions[b, t, j]} for t = 1 … T-1. A step past a sequence's end
   * is the identity instead (0 from a tag to itself, {@link #FORBIDDEN} elsewhere), which
   * carries every score over unchanged: the loop needs no mask.
   */
  private static Steps steps(NDArray emissions, NDArray transitions, NDArray lengths) {
    Shape shape = emissions.getShape();
    long batch = shape.get(0);
    long time = shape.get(1);
    long tags = shape.get(2);
    Shape all = new Shape(time - 1, batch, tags, tags);
    NDArray scores = emissions.get(":, 1:, :").expandDims(2).add(transitions)
        .transpose(1, 0, 2, 3); // (T-1, B, K, K)
    NDArray identity = emissions.getManager().eye((int) tags).toType(emissions.getDataType(), false)
        .sub(1).mul(-FORBIDDEN).broadcast(all);
    NDArray inside = mask(lengths, time).get(":, 1:").transpose().reshape(time - 1, batch, 1, 1)
        .broadcast(all); // DJL's where does not broadcast its condition
    NDArray steps = NDArrays.where(inside, scores, identity);
    return new Steps(steps.split(time - 1, 0), steps.transpose(0, 1, 3, 2).split(time - 1, 0));
  }

  /** log Σ exp over {@code axis}, kept as a size-1 axis; stable for any finite inputs. */
  static NDArray logSumExp(NDArray x, int axis) {
    // The maximum only shifts the values; its gradient cancels, so none is recorded for it.
    NDArray max = x.max(new int[] {axis}, true).stopGradient();
    return x.sub(max).exp().sum(new int[] {axis}, true).log().add(max);
  }
}
