package org.trainkit.runtime.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.trainkit.runtime.config.TrainerConfig.MonitorMode;
import org.trainkit.runtime.config.TrainerConfig.NonFinitePolicy;
import org.trainkit.runtime.config.TrainerConfig.OptimizerType;
import org.trainkit.runtime.config.TrainerConfig.ScheduleType;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;

/**
 * Checks every field of a {@link TrainerConfig}; each failure names the field, value and what is
 * allowed. Also the one place where such messages are worded, so that type errors from YAML read
 * like range errors from here.
 */
final class ConfigValidation {

  /** The most {@code torchThreads} a configuration may ask for. */
  static final int MAX_TORCH_THREADS = 1024;

  /** The most {@code loaderWorkers} a configuration may ask for. */
  static final int MAX_LOADER_WORKERS = 16;

  private ConfigValidation() {}

  /**
   * Throws a {@link ConfigException} for the first field, in record order, that breaks its rule.
   * {@code seed}, {@code shuffle} and {@code progressBar} take any value.
   */
  static void validate(TrainerConfig c) {
    requireEnum("trainingType", c.trainingType(), TrainingType.values());
    atLeast("iterations", c.iterations(), 1);
    atLeast("batchSize", c.batchSize(), 1);
    atLeast("inferenceBatchSize", c.inferenceBatchSize(), 1);
    atLeast("evalFrequency", c.evalFrequency(), 1);
    atLeast("saveFrequency", c.saveFrequency(), 1);
    requireEnum("optimizer", c.optimizer(), OptimizerType.values());
    positiveFinite("learningRate", c.learningRate());
    nonNegativeFinite("weightDecay", c.weightDecay());
    unitHalfOpen("momentum", c.momentum());
    if (c.nesterov() && (c.optimizer() != OptimizerType.SGD || !(c.momentum() > 0))) {
      throw new ConfigException(
          "nesterov",
          "nesterov: true is not allowed; requires optimizer sgd and momentum > 0 (optimizer is "
              + show(c.optimizer())
              + ", momentum is "
              + show(c.momentum())
              + ")");
    }
    unitHalfOpen("beta1", c.beta1());
    unitHalfOpen("beta2", c.beta2());
    positiveFinite("epsilon", c.epsilon());
    requireEnum("lrSchedule", c.lrSchedule(), ScheduleType.values());
    atLeast("warmupSteps", c.warmupSteps(), 0);
    atLeast("lrStepSize", c.lrStepSize(), 1);
    require(c.lrGamma() > 0 && c.lrGamma() <= 1, "lrGamma", c.lrGamma(), "in (0, 1]");
    // learningRate is already known to be finite, so this also rules out NaN and infinity.
    require(
        c.minLearningRate() >= 0 && c.minLearningRate() <= c.learningRate(),
        "minLearningRate",
        c.minLearningRate(),
        ">= 0 and <= learningRate (" + show(c.learningRate()) + ")");
    atLeast("plateauPatience", c.plateauPatience(), 0);
    require(
        c.plateauFactor() > 0 && c.plateauFactor() < 1,
        "plateauFactor",
        c.plateauFactor(),
        "in (0, 1)");
    nonNegativeFinite("gradientClipNorm", c.gradientClipNorm());
    atLeast("gradientAccumulation", c.gradientAccumulation(), 1);
    require(
        c.monitor() != null && !c.monitor().isBlank(),
        "monitor",
        c.monitor(),
        "a non-blank metric name, e.g. dev_loss");
    requireEnum("monitorMode", c.monitorMode(), MonitorMode.values());
    requireEnum("nonFiniteLoss", c.nonFiniteLoss(), NonFinitePolicy.values());
    atLeast("earlyStoppingPatience", c.earlyStoppingPatience(), 0);
    nonNegativeFinite("earlyStoppingMinDelta", c.earlyStoppingMinDelta());
    require(c.device() != null, "device", null, DeviceSpec.ALLOWED);
    require(
        c.loaderWorkers() >= 0 && c.loaderWorkers() <= MAX_LOADER_WORKERS,
        "loaderWorkers",
        c.loaderWorkers(),
        "in [0, " + MAX_LOADER_WORKERS + "]");
    atLeast("prefetchBatches", c.prefetchBatches(), 1);
    require(
        c.torchThreads() >= 0 && c.torchThreads() <= MAX_TORCH_THREADS,
        "torchThreads",
        c.torchThreads(),
        "in [0, " + MAX_TORCH_THREADS + "]; 0 keeps the engine's default");
  }

  /** The device a builder's spelling names; the message of every other field's rule if none. */
  static DeviceSpec device(String spelling) {
    return DeviceSpec.parse(spelling)
        .orElseThrow(() -> notAllowed("device", show(spelling), DeviceSpec.ALLOWED));
  }

  private static void atLeast(String field, int value, int min) {
    require(value >= min, field, value, ">= " + min);
  }

  // Comparisons are written so that NaN fails them; infinity gets its own message, since
  // "Infinity is not allowed; must be > 0" would read as nonsense.
  private static void positiveFinite(String field, double value) {
    require(value > 0, field, value, "> 0");
    require(Double.isFinite(value), field, value, "finite");
  }

  private static void nonNegativeFinite(String field, double value) {
    require(value >= 0, field, value, ">= 0");
    require(Double.isFinite(value), field, value, "finite");
  }

  private static void unitHalfOpen(String field, double value) {
    require(value >= 0 && value < 1, field, value, "in [0, 1)");
  }

  private static <E extends Enum<E>> void requireEnum(String field, E value, E[] allowed) {
    require(value != null, field, null, oneOf(allowed));
  }

  private static void require(boolean ok, String field, Object value, String allowed) {
    if (!ok) {
      throw notAllowed(field, show(value), allowed);
    }
  }

  /** The one wording of a rejected value: {@code field: value is not allowed; must be allowed}. */
  static ConfigException notAllowed(String field, String shownValue, String allowed) {
    return new ConfigException(
        field, field + ": " + shownValue + " is not allowed; must be " + allowed);
  }

  /** "one of adam, adamw, sgd": the names a user may write for an enum, as YAML writes them. */
  static String oneOf(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(ConfigValidation::yamlName)
        .collect(Collectors.joining(", ", "one of ", ""));
  }

  /** The lower-case name under which an enum constant appears in YAML and in messages. */
  static String yamlName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** A value as a message shows it; strings are quoted so that blanks and spaces are visible. */
  static String show(Object value) {
    if (value instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
    if (value instanceof Enum<?> e) {
      return yamlName(e);
    }
    return String.valueOf(value);
  }
}
