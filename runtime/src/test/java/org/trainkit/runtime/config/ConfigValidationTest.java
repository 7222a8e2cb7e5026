package org.trainkit.runtime.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.trainkit.runtime.config.TrainerConfig.Builder;
import org.trainkit.runtime.config.TrainerConfig.MonitorMode;
import org.trainkit.runtime.config.TrainerConfig.OptimizerType;
import org.trainkit.runtime.config.TrainerConfig.ScheduleType;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;

class ConfigValidationTest {

  @Test
  void defaultsAreValidAndAsDocumented() {
    TrainerConfig c = TrainerConfig.builder().build();

    assertAll(
        () -> assertEquals(42, c.seed()),
        () -> assertEquals(TrainingType.EPOCH, c.trainingType()),
        () -> assertEquals(10, c.iterations()),
        () -> assertEquals(1e-3, c.learningRate()),
        () -> assertEquals("dev_loss", c.monitor()),
        () -> assertEquals("auto", c.device().toString()));
  }

  @Test
  void negativeLearningRateNamesFieldValueAndRule() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> TrainerConfig.builder().learningRate(-0.1).build());

    assertEquals("learningRate", e.field());
    assertEquals("learningRate: -0.1 is not allowed; must be > 0", e.getMessage());
  }

  @Test
  void canonicalConstructorValidatesToo() {
    TrainerConfig valid = TrainerConfig.builder().build();

    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new TrainerConfig(
                    valid.seed(), valid.trainingType(), 0, valid.batchSize(),
                    valid.inferenceBatchSize(), valid.evalFrequency(), valid.saveFrequency(),
                    valid.optimizer(), valid.learningRate(), valid.weightDecay(),
                    valid.momentum(), valid.nesterov(), valid.beta1(), valid.beta2(),
                    valid.epsilon(), valid.lrSchedule(), valid.warmupSteps(), valid.lrStepSize(),
                    valid.lrGamma(), valid.minLearningRate(), valid.plateauPatience(),
                    valid.plateauFactor(), valid.gradientClipNorm(),
                    valid.gradientAccumulation(), valid.monitor(), valid.monitorMode(),
                    valid.earlyStoppingPatience(), valid.earlyStoppingMinDelta(),
                    valid.device(), valid.loaderWorkers(), valid.torchThreads(), valid.prefetchBatches(),
                    valid.shuffle(), valid.progressBar(), valid.saveTrainOutputs(),
                    valid.saveDevOutputs(), valid.saveTestOutputs(), valid.tensorboard(),
                    valid.nonFiniteLoss(), valid.options()));

    assertEquals("iterations", e.field());
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        reject("iterations", b -> b.iterations(0), "iterations: 0 is not allowed; must be >= 1"),
        reject("batchSize", b -> b.batchSize(-1), "batchSize: -1 is not allowed; must be >= 1"),
        reject(
            "inferenceBatchSize",
            b -> b.inferenceBatchSize(0),
            "inferenceBatchSize: 0 is not allowed; must be >= 1"),
        reject(
            "evalFrequency",
            b -> b.evalFrequency(0),
            "evalFrequency: 0 is not allowed; must be >= 1"),
        reject(
            "saveFrequency",
            b -> b.saveFrequency(0),
            "saveFrequency: 0 is not allowed; must be >= 1"),
        reject(
            "learningRate",
            b -> b.learningRate(0),
            "learningRate: 0.0 is not allowed; must be > 0"),
        reject(
            "learningRate",
            b -> b.learningRate(Double.NaN),
            "learningRate: NaN is not allowed; must be > 0"),
        reject(
            "learningRate",
            b -> b.learningRate(Double.POSITIVE_INFINITY),
            "learningRate: Infinity is not allowed; must be finite"),
        reject(
            "weightDecay",
            b -> b.weightDecay(-1e-4),
            "weightDecay: -1.0E-4 is not allowed; must be >= 0"),
        reject(
            "weightDecay",
            b -> b.weightDecay(Double.POSITIVE_INFINITY),
            "weightDecay: Infinity is not allowed; must be finite"),
        reject(
            "momentum", b -> b.momentum(1.0), "momentum: 1.0 is not allowed; must be in [0, 1)"),
        reject(
            "momentum", b -> b.momentum(-0.1), "momentum: -0.1 is not allowed; must be in [0, 1)"),
        reject(
            "nesterov",
            b -> b.nesterov(true),
            "nesterov: true is not allowed; requires optimizer sgd and momentum > 0"
                + " (optimizer is adam, momentum is 0.9)"),
        reject(
            "nesterov",
            b -> b.nesterov(true).optimizer(OptimizerType.SGD).momentum(0),
            "nesterov: true is not allowed; requires optimizer sgd and momentum > 0"
                + " (optimizer is sgd, momentum is 0.0)"),
        reject("beta1", b -> b.beta1(1.0), "beta1: 1.0 is not allowed; must be in [0, 1)"),
        reject(
            "beta2", b -> b.beta2(Double.NaN), "beta2: NaN is not allowed; must be in [0, 1)"),
        reject("epsilon", b -> b.epsilon(0), "epsilon: 0.0 is not allowed; must be > 0"),
        reject(
            "warmupSteps", b -> b.warmupSteps(-1), "warmupSteps: -1 is not allowed; must be >= 0"),
        reject("lrStepSize", b -> b.lrStepSize(0), "lrStepSize: 0 is not allowed; must be >= 1"),
        reject("lrGamma", b -> b.lrGamma(0), "lrGamma: 0.0 is not allowed; must be in (0, 1]"),
        reject("lrGamma", b -> b.lrGamma(1.5), "lrGamma: 1.5 is not allowed; must be in (0, 1]"),
        reject(
            "minLearningRate",
            b -> b.minLearningRate(-1),
            "minLearningRate: -1.0 is not allowed; must be >= 0 and <= learningRate (0.001)"),
        reject(
            "minLearningRate",
            b -> b.minLearningRate(0.01),
            "minLearningRate: 0.01 is not allowed; must be >= 0 and <= learningRate (0.001)"),
        reject(
            "plateauPatience",
            b -> b.plateauPatience(-1),
            "plateauPatience: -1 is not allowed; must be >= 0"),
        reject(
            "plateauFactor",
            b -> b.plateauFactor(1),
            "plateauFactor: 1.0 is not allowed; must be in (0, 1)"),
        reject(
            "plateauFactor",
            b -> b.plateauFactor(0),
            "plateauFactor: 0.0 is not allowed; must be in (0, 1)"),
        reject(
            "gradientClipNorm",
            b -> b.gradientClipNorm(-1),
            "gradientClipNorm: -1.0 is not allowed; must be >= 0"),
        reject(
            "gradientAccumulation",
            b -> b.gradientAccumulation(0),
            "gradientAccumulation: 0 is not allowed; must be >= 1"),
        reject(
            "monitor",
            b -> b.monitor(" "),
            "monitor: \" \" is not allowed; must be a non-blank metric name, e.g. dev_loss"),
        reject(
            "monitor",
            b -> b.monitor(null),
            "monitor: null is not allowed; must be a non-blank metric name, e.g. dev_loss"),
        reject(
            "earlyStoppingPatience",
            b -> b.earlyStoppingPatience(-1),
            "earlyStoppingPatience: -1 is not allowed; must be >= 0"),
        reject(
            "earlyStoppingMinDelta",
            b -> b.earlyStoppingMinDelta(-0.5),
            "earlyStoppingMinDelta: -0.5 is not allowed; must be >= 0"),
        reject(
            "device",
            b -> b.device("tpu"),
            "device: \"tpu\" is not allowed; must be auto, cpu, gpu or gpu:N with N a device"
                + " index, e.g. gpu:0"),
        rejectDevice("GPU"),
        rejectDevice("gpu:"),
        rejectDevice("gpu:-1"),
        rejectDevice("cuda:0"),
        rejectDevice(null),
        reject(
            "loaderWorkers",
            b -> b.loaderWorkers(-1),
            "loaderWorkers: -1 is not allowed; must be in [0, 16]"),
        reject(
            "loaderWorkers",
            b -> b.loaderWorkers(17),
            "loaderWorkers: 17 is not allowed; must be in [0, 16]"),
        reject(
            "torchThreads",
            b -> b.torchThreads(-1),
            "torchThreads: -1 is not allowed; must be in [0, 1024]; 0 keeps the engine's default"),
        reject(
            "prefetchBatches",
            b -> b.prefetchBatches(0),
            "prefetchBatches: 0 is not allowed; must be >= 1"),
        reject(
            "trainingType",
            b -> b.trainingType(null),
            "trainingType: null is not allowed; must be one of epoch, step"),
        reject(
            "optimizer",
            b -> b.optimizer(null),
            "optimizer: null is not allowed; must be one of adam, adamw, sgd"),
        reject(
            "lrSchedule",
            b -> b.lrSchedule(null),
            "lrSchedule: null is not allowed; must be one of constant, step, cosine, linear, plateau"),
        reject(
            "monitorMode",
            b -> b.monitorMode(null),
            "monitorMode: null is not allowed; must be one of auto, min, max"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void rejectsWithMessageNamingFieldValueAndRule(
      UnaryOperator<Builder> change, String field, String message) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> change.apply(TrainerConfig.builder()).build());

    assertEquals(field, e.field());
    assertEquals(message, e.getMessage());
  }

  static Stream<Named<UnaryOperator<Builder>>> accepted() {
    return Stream.of(
        Named.of("momentum 0", b -> b.momentum(0)),
        Named.of("beta1 0, beta2 0", b -> b.beta1(0).beta2(0)),
        Named.of("lrGamma 1", b -> b.lrGamma(1)),
        Named.of("minLearningRate = learningRate", b -> b.learningRate(0.1).minLearningRate(0.1)),
        Named.of("warmupSteps, patience, workers 0", b -> b.warmupSteps(0).plateauPatience(0)
            .earlyStoppingPatience(0).loaderWorkers(0)),
        Named.of("loaderWorkers 16", b -> b.loaderWorkers(16)),
        Named.of("clipping and weight decay off", b -> b.gradientClipNorm(0).weightDecay(0)),
        Named.of("nesterov with SGD and momentum", b -> b.optimizer(OptimizerType.SGD)
            .momentum(0.9).nesterov(true)),
        Named.of("any seed", b -> b.seed(Long.MIN_VALUE)),
        Named.of("device cpu", b -> b.device("cpu")),
        Named.of("device gpu", b -> b.device("gpu")),
        Named.of("device gpu:0", b -> b.device("gpu:0")),
        Named.of("device gpu:12", b -> b.device("gpu:12")),
        Named.of("every enum value", b -> b.trainingType(TrainingType.STEP)
            .lrSchedule(ScheduleType.PLATEAU).monitorMode(MonitorMode.MAX)
            .optimizer(OptimizerType.ADAMW)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void acceptsBoundaryValues(UnaryOperator<Builder> change) {
    assertDoesNotThrow(() -> change.apply(TrainerConfig.builder()).build());
  }

  private static Arguments reject(String field, UnaryOperator<Builder> change, String message) {
    return Arguments.of(Named.of(message, change), field, message);
  }

  private static Arguments rejectDevice(String device) {
    String shown = device == null ? "null" : '"' + device + '"';
    return reject(
        "device",
        b -> b.device(device),
        "device: "
            + shown
            + " is not allowed; must be auto, cpu, gpu or gpu:N with N a device index, e.g. gpu:0");
  }
}
