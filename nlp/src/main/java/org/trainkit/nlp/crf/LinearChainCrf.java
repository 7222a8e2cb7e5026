package org.trainkit.nlp.crf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * A linear-chain conditional random field over per-token tag scores (emissions): learned
 * transition scores between tags, plus scores for the first and the last tag of a sequence.
 *
 * <p>As a block, {@code forward(emissions (B, T, K), tags (B, T), lengths (B))} returns the
 * negative log-likelihood of each sequence, {@code (B)}: sum or average it into the loss. The
 * same is available as {@link #negativeLogLikelihood}, and {@link #decode} gives the best tag
 * sequences (Viterbi). Padding positions (at or after a sequence's length) count for nothing.
 *
 * <p>The {@link TransitionConstraints} act on decoding only: training sees every sequence, as
 * in AllenNLP's CRF, so gold data that breaks them (IOB1, say) still trains.
 *
 * <p>Parameters (DJL names): {@code transitions (K, K)} (row: previous tag, column: next tag),
 * {@code start (K)}, {@code end (K)}, initialized uniformly in [-0.1, 0.1] as pytorch-crf does.
 */
public final class LinearChainCrf extends AbstractBlock {

  /** Added to forbidden scores at decoding: below any reachable allowed path's score. */
  private static final float FORBIDDEN = CrfAlgorithms.FORBIDDEN;

  private final int tags;
  private final TransitionConstraints constraints;
  private final Parameter transitions;
  private final Parameter start;
  private final Parameter end;

  /** A CRF over {@code tags} tags with unconstrained decoding. */
  public LinearChainCrf(int tags) {
    this(TransitionConstraints.none(tags));
  }

  /** A CRF whose decoding keeps to {@code constraints} (e.g. {@link TransitionConstraints#bio}). */
  public LinearChainCrf(TransitionConstraints constraints) {
    super((byte) 1);
    this.tags = constraints.tags();
    this.constraints = constraints;
    this.transitions = addParameter(parameter("transitions", new Shape(tags, tags)));
    this.start = addParameter(parameter("start", new Shape(tags)));
    this.end = addParameter(parameter("end", new Shape(tags)));
  }

  private static Parameter parameter(String name, Shape shape) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.WEIGHT)
        .optShape(shape)
        .optInitializer(new UniformInitializer(0.1f))
        .build();
  }

  /** Number of tags. */
  public int tags() {
    return tags;
  }

  public TransitionConstraints constraints() {
    return constraints;
  }

  /** The transition scores {@code (K, K)}; row: previous tag, column: next tag. */
  public Parameter transitions() {
    return transitions;
  }

  /** Scores of each tag as the first of a sequence {@code (K)}. */
  public Parameter start() {
    return start;
  }

  /** Scores of each tag as the last of a sequence {@code (K)}. */
  public Parameter end() {
    return end;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    if (inputs.size() != 3) {
      throw new IllegalArgumentException(
          "a CRF takes (emissions, tags, lengths), got " + inputs.size() + " inputs");
    }
    NDArray emissions = inputs.get(0);
    var device = emissions.getDevice();
    return new NDList(
        CrfAlgorithms.negativeLogLikelihood(
            checked(emissions),
            store.getValue(transitions, device, training),
            store.getValue(start, device, training),
            store.getValue(end, device, training),
            inputs.get(1),
            inputs.get(2)));
  }

  /**
   * The negative log-likelihood of each gold tag sequence, {@code (B)}; differentiable.
   *
   * @param emissions per-token tag scores {@code (B, T, K)}
   * @param tags gold tags {@code (B, T)}, integers (any value at padding positions in [0, K))
   * @param lengths true lengths {@code (B)}, integers in [1, T]
   */
  public NDArray negativeLogLikelihood(NDArray emissions, NDArray tags, NDArray lengths) {
    return CrfAlgorithms.negativeLogLikelihood(
        checked(emissions),
        transitions.getArray(),
        start.getArray(),
        end.getArray(),
        tags,
        lengths);
  }

  /** log Σ over all tag sequences of exp(score), {@code (B)}; differentiable. */
  public NDArray logPartition(NDArray emissions, NDArray lengths) {
    return CrfAlgorithms.logPartition(
        checked(emissions), transitions.getArray(), start.getArray(), end.getArray(), lengths);
  }

  /** The unnormalized score of the given tag sequences, {@code (B)}; differentiable. */
  public NDArray score(NDArray emissions, NDArray tags, NDArray lengths) {
    return CrfAlgorithms.sequenceScore(
        checked(emissions),
        transitions.getArray(),
        start.getArray(),
        end.getArray(),
        tags,
        lengths);
  }

  /**
   * The best tag sequence of each sequence under the constraints, each as long as its length.
   *
   * @throws IllegalArgumentException when a length is not in [1, T]
   */
  public int[][] decode(NDArray emissions, NDArray lengths) {
    checked(emissions);
    NDArray trans = transitions.getArray();
    NDArray first = start.getArray();
    NDArray last = end.getArray();
    if (!constraints.isUnconstrained()) {
      NDManager m = emissions.getManager();
      DataType type = trans.getDataType();
      // The penalty arrays are the receivers, so the sums belong to the batch, not the model.
      trans = m.create(constraints.transitionPenalties(FORBIDDEN), new Shape(tags, tags))
          .toType(type, false).add(trans);
      first = m.create(constraints.startPenalties(FORBIDDEN)).toType(type, false).add(first);
      last = m.create(constraints.endPenalties(FORBIDDEN)).toType(type, false).add(last);
    }
    return CrfAlgorithms.viterbi(emissions, trans, first, last, lengths);
  }

  private NDArray checked(NDArray emissions) {
    Shape shape = emissions.getShape();
    if (shape.dimension() != 3 || shape.get(2) != tags) {
      throw new IllegalArgumentException(
          "emissions must be (batch, time, " + tags + "), got " + shape);
    }
    return emissions;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0))};
  }
}
