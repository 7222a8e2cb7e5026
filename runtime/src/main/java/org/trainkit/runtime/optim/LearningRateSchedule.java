package org.trainkit.runtime.optim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.ScheduleType;

/**
 * The learning rate for each optimizer step: an optional linear warm-up followed by one of
 *
 * <ul>
 *   <li>CONSTANT: {@code learningRate};
 *   <li>STEP: {@code learningRate * gamma^floor((step - warmup) / stepSize)};
 *   <li>COSINE: from {@code learningRate} down to {@code minLearningRate} along half a cosine
 *       over {@code totalSteps - warmup} steps, then {@code minLearningRate};
 *   <li>LINEAR: from {@code learningRate} down to {@code minLearningRate} along a straight line
 *       over {@code totalSteps - warmup} steps (Hugging Face's {@code
 *       get_linear_schedule_with_warmup} when the minimum is 0), then {@code minLearningRate};
 *   <li>PLATEAU: {@code learningRate}, multiplied by {@code factor} each time {@code patience}
 *       evaluations in a row bring no improvement (see {@link #onEvaluation}), never below
 *       {@code minLearningRate}.
 * </ul>
 *
 * <p>During warm-up (steps {@code 0 .. warmup-1}) the rate is the one above times {@code
 * (step + 1) / warmup}, so the first step already moves and step {@code warmup - 1} uses the
 * full rate. Rates are pure functions of the step except PLATEAU's, whose state {@link #save}
 * and {@link #load} carry across a checkpoint.
 */
public final class LearningRateSchedule {

  private static final int MAGIC = 0x544B4C52; // "TKLR"
  private static final int FORMAT_VERSION = 1;

  private final ScheduleType type;
  private final double learningRate;
  private final int warmupSteps;
  private final int stepSize;
  private final double gamma;
  private final long decaySteps;
  private final double minLearningRate;
  private final int patience;
  private final double factor;

  // PLATEAU state
  private double plateauScale = 1;
  private double best = Double.NaN;
  private int badEvaluations;

  private LearningRateSchedule(
      ScheduleType type,
      double learningRate,
      int warmupSteps,
      int stepSize,
      double gamma,
      long decaySteps,
      double minLearningRate,
      int patience,
      double factor) {
    Checks.require(learningRate > 0 && Double.isFinite(learningRate),
        "learningRate must be > 0, got " + learningRate);
    Checks.require(warmupSteps >= 0, "warmupSteps must be >= 0, got " + warmupSteps);
    Checks.require(minLearningRate >= 0, "minLearningRate must be >= 0, got " + minLearningRate);
    this.type = type;
    this.learningRate = learningRate;
    this.warmupSteps = warmupSteps;
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.decaySteps = decaySteps;
    this.minLearningRate = minLearningRate;
    this.patience = patience;
    this.factor = factor;
  }

  /** A constant rate after warm-up. */
  public static LearningRateSchedule constant(double learningRate, int warmupSteps) {
    return new LearningRateSchedule(
        ScheduleType.CONSTANT, learningRate, warmupSteps, 1, 1, 0, 0, 0, 1);
  }

  /** The rate multiplied by {@code gamma} every {@code stepSize} steps after warm-up. */
  public static LearningRateSchedule stepDecay(
      double learningRate, int warmupSteps, int stepSize, double gamma) {
    Checks.require(stepSize > 0, "lrStepSize must be > 0, got " + stepSize);
    Checks.require(gamma > 0 && gamma <= 1, "lrGamma must be in (0, 1], got " + gamma);
    return new LearningRateSchedule(
        ScheduleType.STEP, learningRate, warmupSteps, stepSize, gamma, 0, 0, 0, 1);
  }

  /**
   * Cosine decay from {@code learningRate} to {@code minLearningRate}, reached at step {@code
   * totalSteps}.
   */
  public static LearningRateSchedule cosine(
      double learningRate, int warmupSteps, long totalSteps, double minLearningRate) {
    Checks.require(minLearningRate <= learningRate,
        "minLearningRate must be <= learningRate, got " + minLearningRate);
    return new LearningRateSchedule(
        ScheduleType.COSINE,
        learningRate,
        warmupSteps,
        1,
        1,
        Math.max(0, totalSteps - warmupSteps),
        minLearningRate,
        0,
        1);
  }

  /**
   * Linear decay from {@code learningRate} to {@code minLearningRate}, reached at step {@code
   * totalSteps}: with warm-up, the usual schedule for fine-tuning a pretrained transformer.
   */
  public static LearningRateSchedule linear(
      double learningRate, int warmupSteps, long totalSteps, double minLearningRate) {
    Checks.require(minLearningRate <= learningRate,
        "minLearningRate must be <= learningRate, got " + minLearningRate);
    return new LearningRateSchedule(
        ScheduleType.LINEAR,
        learningRate,
        warmupSteps,
        1,
        1,
        Math.max(0, totalSteps - warmupSteps),
        minLearningRate,
        0,
        1);
  }

  /** Reduce-on-plateau, driven by {@link #onEvaluation}. */
  public static LearningRateSchedule plateau(
      double learningRate, int warmupSteps, int patience, double factor, double minLearningRate) {
    Checks.require(patience >= 0, "plateauPatience must be >= 0, got " + patience);
    Checks.require(factor > 0 && factor < 1, "plateauFactor must be in (0, 1), got " + factor);
    return new LearningRateSchedule(
        ScheduleType.PLATEAU, learningRate, warmupSteps, 1, 1, 0, minLearningRate, patience,
        factor);
  }

  /**
   * The schedule the configuration names.
   *
   * @param totalSteps the number of optimizer steps in the whole run (COSINE ends there)
   */
  public static LearningRateSchedule fromConfig(TrainerConfig config, long totalSteps) {
    switch (config.lrSchedule()) {
      case CONSTANT:
        return constant(config.learningRate(), config.warmupSteps());
      case STEP:
        return stepDecay(
            config.learningRate(), config.warmupSteps(), config.lrStepSize(), config.lrGamma());
      case COSINE:
        return cosine(
            config.learningRate(), config.warmupSteps(), totalSteps, config.minLearningRate());
      case LINEAR:
        return linear(
            config.learningRate(), config.warmupSteps(), totalSteps, config.minLearningRate());
      case PLATEAU:
        return plateau(
            config.learningRate(),
            config.warmupSteps(),
            config.plateauPatience(),
            config.plateauFactor(),
            config.minLearningRate());
      default:
        throw new IllegalArgumentException("unknown schedule " + config.lrSchedule());
    }
  }

  /** The kind of schedule. */
  public ScheduleType type() {
    return type;
  }

  /**
   * The rate for an optimizer step.
   *
   * @param step the 0-based index of the optimizer step (counting updates, not batches)
   */
  public double learningRate(long step) {
    Checks.require(step >= 0, "step must be >= 0, got " + step);
    double rate;
    switch (type) {
      case STEP:
        rate = step < warmupSteps
            ? learningRate
            : learningRate * Math.pow(gamma, (step - warmupSteps) / stepSize);
        break;
      case COSINE:
        if (step < warmupSteps) {
          rate = learningRate;
        } else if (step - warmupSteps >= decaySteps) {
          rate = minLearningRate;
        } else {
          double progress = (double) (step - warmupSteps) / decaySteps;
          rate = minLearningRate
              + (learningRate - minLearningRate) * (1 + Math.cos(Math.PI * progress)) / 2;
        }
        break;
      case LINEAR:
        if (step < warmupSteps) {
          rate = learningRate;
        } else if (step - warmupSteps >= decaySteps) {
          rate = minLearningRate;
        } else {
          double progress = (double) (step - warmupSteps) / decaySteps;
          rate = minLearningRate + (learningRate - minLearningRate) * (1 - progress);
        }
        break;
      case PLATEAU:
        rate = currentPlateauRate();
        break;
      default:
        rate = learningRate;
    }
    if (step < warmupSteps) {
      rate *= (double) (step + 1) / warmupSteps;
    }
    return rate;
  }

  private double currentPlateauRate() {
    return plateauScale == 1
        ? learningRate
        : Math.max(learningRate * plateauScale, minLearningRate);
  }

  /**
   * Reports an evaluation of the monitored metric. Only PLATEAU uses it: an evaluation strictly
   * better than the best so far resets the count of bad evaluations; when that count reaches
   * {@code patience} the rate is multiplied by {@code factor} (never going below {@code
   * minLearningRate}) and the count starts again. With patience 2, the second evaluation in a
   * row without improvement lowers the rate.
   *
   * @param monitored the metric's value; NaN counts as no improvement
   * @param higherIsBetter whether a higher value is an improvement
   */
  public void onEvaluation(double monitored, boolean higherIsBetter) {
    if (type != ScheduleType.PLATEAU) {
      return;
    }
    boolean improved =
        !Double.isNaN(monitored)
            && (Double.isNaN(best) || (higherIsBetter ? monitored > best : monitored < best));
    if (improved) {
      best = monitored;
      badEvaluations = 0;
      return;
    }
    badEvaluations++;
    if (badEvaluations >= patience) {
      badEvaluations = 0;
      // Stop shrinking once the floor is reached, so that the stored scale stays meaningful.
      if (learningRate * plateauScale > minLearningRate) {
        plateauScale *= factor;
      }
    }
  }

  /** Writes the schedule's kind and its state (PLATEAU: scale, best value, bad count). */
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(FORMAT_VERSION);
    out.writeUTF(type.name());
    out.writeDouble(plateauScale);
    out.writeDouble(best);
    out.writeInt(badEvaluations);
  }

  /**
   * Restores what {@link #save} wrote. The configured parameters stay in force, so a
   * continued run may, say, extend a cosine schedule.
   *
   * @throws IOException when the stream is unreadable or holds another kind of schedule
   */
  public void load(DataInputStream in) throws IOException {
    try {
      if (in.readInt() != MAGIC) {
        throw new IOException("not trainkit learning-rate schedule state (wrong magic number)");
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new IOException(
            "schedule state has format version " + version + " but this trainkit reads version "
                + FORMAT_VERSION);
      }
      String kind = in.readUTF();
      if (!kind.equals(type.name())) {
        throw new IOException(
            "schedule state was written by a " + kind + " schedule but the configured one is "
                + type.name());
      }
      double scale = in.readDouble();
      double savedBest = in.readDouble();
      int bad = in.readInt();
      if (!(scale > 0 && scale <= 1) || bad < 0) {
        throw new IOException("schedule state is corrupt (scale " + scale + ", bad " + bad + ")");
      }
      plateauScale = scale;
      best = savedBest;
      badEvaluations = bad;
    } catch (EOFException e) {
      throw new IOException("schedule state is truncated", e);
    }
  }
}
