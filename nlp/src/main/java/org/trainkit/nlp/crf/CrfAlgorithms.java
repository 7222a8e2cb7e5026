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
 * nine native calls per step. The per-step terms {@code transitions + emissions[t]} are formed
 * once for all steps before the loop.
 */
final class CrfAlgorithms {

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
    // alpha[b, j] = log Σ over paths ending in tag j at the current step; kept as a row
    // (1, B, 1, K) so each step needs no squeeze.
    NDArray alpha = emissions.get(":, 0, :").add(start).reshape(1, batch, 1, tags);
    if (time > 1) {
      NDList steps = stepScores(emissions, transitions);
      NDList masks = stepMasks(lengths, time, tags);
      for (int t = 0; t < time - 1; t++) {
        NDArray x = alpha.reshape(1, batch, tags, 1).add(steps.get(t)); // (1, B, K_prev, K)
        NDArray next = logSumExp(x, 2);
        alpha = NDArrays.where(masks.get(t), next, alpha);
      }
    }
    return logSumExp(alpha.add(end), 3).reshape(batch);
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
    NDArray e = emissions.stopGradient();
    NDArray score = e.get(":, 0, :").add(detached(start, e)).reshape(1, batch, 1, tags);
    long[] backPointers = new long[0];
    if (time > 1) {
      NDList steps = stepScores(e, detached(transitions, e));
      NDList masks = stepMasks(lengths, time, tags);
      NDList pointers = new NDList(time - 1);
      for (int t = 0; t < time - 1; t++) {
        NDArray x = score.reshape(1, batch, tags, 1).add(steps.get(t)); // (1, B, K_prev, K)
        pointers.add(x.argMax(2)); // (1, B, K)
        score = NDArrays.where(masks.get(t), x.max(new int[] {2}, true), score);
      }
      backPointers = NDArrays.concat(pointers, 0).toLongArray(); // (T-1, B, K)
    }
    long[] lastTags = score.add(detached(end, e)).argMax(3).toLongArray(); // (1, B, 1)
    int[][] paths = new int[batch][];
    for (int b = 0; b < batch; b++) {
      int length = (int) n[b];
      int[] path = new int[length];
      path[length - 1] = (int) lastTags[b];
      for (int t = length - 1; t > 0; t--) {
        // The pointer stored for step t (array index t - 1) names the best tag at t - 1.
        path[t - 1] = (int) backPointers[((t - 1) * batch + b) * tags + path[t]];
      }
      paths[b] = path;
    }
    return paths;
  }

  /**
   * A parameter without its gradient, owned by the batch's manager (a parameter's own manager
   * lives as long as the model, and would keep every copy).
   */
  private static NDArray detached(NDArray parameter, NDArray batchArray) {
    NDArray copy = parameter.stopGradient();
    copy.attach(batchArray.getManager());
    return copy;
  }

  /**
   * {@code transitions[i, j] + emissions[b, t, j]} for t = 1 … T-1, split by time: T-1 arrays of
   * {@code (1, B, K, K)}.
   */
  private static NDList stepScores(NDArray emissions, NDArray transitions) {
    long time = emissions.getShape().get(1);
    return emissions
        .get(":, 1:, :")
        .expandDims(2)
        .add(transitions)
        .transpose(1, 0, 2, 3)
        .split(time - 1, 0);
  }

  /**
   * Whether steps 1 … T-1 are inside each sequence: T-1 arrays of {@code (1, B, 1, K)} (DJL's
   * {@code where} does not broadcast its condition).
   */
  private static NDList stepMasks(NDArray lengths, long time, long tags) {
    NDArray inside = mask(lengths, time).get(":, 1:");
    long batch = inside.getShape().get(0);
    return inside
        .transpose()
        .reshape(time - 1, batch, 1, 1)
        .broadcast(new Shape(time - 1, batch, 1, tags))
        .split(time - 1, 0);
  }

  /** log Σ exp over {@code axis}, kept as a size-1 axis; stable for any finite inputs. */
  static NDArray logSumExp(NDArray x, int axis) {
    // The maximum only shifts the values; its gradient cancels, so none is recorded for it.
    NDArray max = x.max(new int[] {axis}, true).stopGradient();
    return x.sub(max).exp().sum(new int[] {axis}, true).log().add(max);
  }
}
