package org.trainkit.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.trainkit.runtime.config.TrainerConfig.MonitorMode;
import org.trainkit.runtime.config.TrainerConfig.OptimizerType;
import org.trainkit.runtime.config.TrainerConfig.ScheduleType;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;

class TrainerConfigYamlTest {

  private static final TrainerConfig DEFAULTS = TrainerConfig.builder().build();

  /** Every field differs from its default (checked below), so a dropped key cannot hide. */
  private static final TrainerConfig NON_DEFAULT =
      TrainerConfig.builder()
          .seed(-7)
          .trainingType(TrainingType.STEP)
          .iterations(500)
          .batchSize(16)
          .inferenceBatchSize(64)
          .evalFrequency(50)
          .saveFrequency(100)
          .optimizer(OptimizerType.SGD)
          .learningRate(0.05)
          .weightDecay(1e-4)
          .momentum(0.8)
          .nesterov(true)
          .beta1(0.8)
          .beta2(0.99)
          .epsilon(1e-6)
          .lrSchedule(ScheduleType.COSINE)
          .warmupSteps(100)
          .lrStepSize(200)
          .lrGamma(0.5)
          .minLearningRate(1e-5)
          .plateauPatience(3)
          .plateauFactor(0.25)
          .gradientClipNorm(1.0)
          .gradientAccumulation(4)
          .monitor("dev_f1")
          .monitorMode(MonitorMode.MAX)
          .earlyStoppingPatience(5)
          .earlyStoppingMinDelta(1e-4)
          .device("gpu:1")
          .loaderWorkers(3)
          .torchThreads(5)
          .prefetchBatches(8)
          .shuffle(false)
          .progressBar(false)
          .saveTrainOutputs(true)
          .saveDevOutputs(false)
          .saveTestOutputs(false)
          .tensorboard(true)
          .nonFiniteLoss(TrainerConfig.NonFinitePolicy.SKIP)
          .options(
              ComponentOptions.builder()
                  .add("maxLength", OptionType.INT, 7)
                  .add("labels", OptionType.STRING_LIST, List.of("PER", "LOC"))
                  .build())
          .build();

  private static ConfigException parseError(String yaml) {
    return assertThrows(
        ConfigException.class, () -> TrainerConfigYaml.parse(yaml, "run.yaml"));
  }

  @Nested
  class Keys {

    @Test
    void unknownKeySuggestsTheNearestOne() {
      ConfigException e = parseError("iterations: 3\nlearningrate: 0.01\n");

      assertEquals("learningrate", e.field());
      assertEquals(
          "run.yaml, line 2: unknown key 'learningrate'; did you mean 'learningRate'?",
          e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
      "batch_size, batchSize",
      "iteration, iterations",
      "lr_gamma, lrGamma",
      "Monitor, monitor",
      "earlyStopingPatience, earlyStoppingPatience"
    })
    void typosAndSnakeCaseGetASuggestion(String typo, String meant) {
      ConfigException e = parseError(typo + ": 1\n");

      assertTrue(
          e.getMessage().endsWith("did you mean '" + meant + "'?"), e.getMessage());
    }

    @Test
    void unknownKeyFarFromAnyListsTheAllowedKeys() {
      ConfigException e = parseError("epochs: 3\n");

      assertEquals("epochs", e.field());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "run.yaml, line 1: unknown key 'epochs'; allowed keys: seed, trainingType,"
                      + " iterations,"),
          e.getMessage());
      assertTrue(e.getMessage().endsWith(", progressBar, saveTrainOutputs, saveDevOutputs, saveTestOutputs, tensorboard, nonFiniteLoss"), e.getMessage());
    }

    @Test
    void duplicateKeyNamesBothLines() {
      ConfigException e = parseError("iterations: 3\nbatchSize: 8\niterations: 4\n");

      assertEquals("iterations", e.field());
      assertEquals(
          "run.yaml, line 3: duplicate key 'iterations' (first set on line 1)", e.getMessage());
    }
  }

  @Nested
  class Values {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "iterations: \"ten\"      | iterations: \"ten\" is not allowed; must be an integer",
          "iterations: 2.5          | iterations: 2.5 is not allowed; must be an integer",
          "iterations: 9999999999   | iterations: 9999999999 is not allowed;"
              + " must be an integer from -2147483648 to 2147483647",
          "iterations:              | iterations: null is not allowed; must be an integer",
          "seed: 1.5                | seed: 1.5 is not allowed; must be an integer",
          "learningRate: fast       | learningRate: \"fast\" is not allowed; must be a number",
          "learningRate: [0.1]      | learningRate: [0.1] is not allowed; must be a number",
          "shuffle: maybe           | shuffle: \"maybe\" is not allowed; must be true or false",
          "shuffle: 1               | shuffle: 1 is not allowed; must be true or false",
          "monitor: 3               | monitor: 3 is not allowed; must be a string",
          "device: {type: gpu}      | device: {\"type\":\"gpu\"} is not allowed; must be a string",
        })
    void wrongTypeNamesFieldValueAndExpectedType(String yaml, String message) {
      ConfigException e = parseError("batchSize: 8\n" + yaml + "\n");

      assertEquals(yaml.substring(0, yaml.indexOf(':')), e.field());
      assertEquals("run.yaml, line 2: " + message, e.getMessage());
    }

    @Test
    void badEnumValueNamesTheAllowedValues() {
      ConfigException e = parseError("optimizer: adamx\n");

      assertEquals("optimizer", e.field());
      assertEquals(
          "run.yaml, line 1: optimizer: \"adamx\" is not allowed; must be one of adam, adamw, sgd",
          e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADAMW", "adamw", "AdamW"})
    void enumsAreReadInAnyCase(String written) {
      assertEquals(
          OptimizerType.ADAMW,
          TrainerConfigYaml.parse("optimizer: " + written, "run.yaml").optimizer());
    }

    @Test
    void negativeLearningRateIsPlacedAtItsLine() {
      ConfigException e = parseError("iterations: 3\n\nlearningRate: -0.1\n");

      assertEquals("learningRate", e.field());
      assertEquals(
          "run.yaml, line 3: learningRate: -0.1 is not allowed; must be > 0", e.getMessage());
    }

    @Test
    void ruleAcrossFieldsIsPlacedAtTheFieldItNames() {
      ConfigException e = parseError("optimizer: adam\nnesterov: true\n");

      assertEquals("nesterov", e.field());
      assertTrue(
          e.getMessage().startsWith("run.yaml, line 2: nesterov: true is not allowed;"),
          e.getMessage());
    }

    @Test
    void numbersMayBeWrittenAsYamlAllows() {
      TrainerConfig c =
          TrainerConfigYaml.parse("learningRate: 1e-2\nweightDecay: 0\nepsilon: 1.0E-7\n", "x");

      assertEquals(0.01, c.learningRate());
      assertEquals(0.0, c.weightDecay());
      assertEquals(1e-7, c.epsilon());
    }
  }

  @Nested
  class Documents {

    @Test
    void partialFileKeepsTheDefaults() {
      TrainerConfig c =
          TrainerConfigYaml.parse(
              "# a short run\niterations: 3\nlearningRate: 0.01\ntrainingType: step\n",
              "run.yaml");

      assertEquals(
          TrainerConfig.builder()
              .iterations(3)
              .learningRate(0.01)
              .trainingType(TrainingType.STEP)
              .build(),
          c);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "# nothing set yet\n"})
    void emptyDocumentGivesTheDefaults(String yaml) {
      assertEquals(DEFAULTS, TrainerConfigYaml.parse(yaml, "run.yaml"));
    }

    @Test
    void topLevelMustBeAMapping() {
      ConfigException e = parseError("- iterations: 3\n");

      assertNull(e.field());
      assertEquals(
          "run.yaml, line 1: the top level must be a mapping of key: value lines",
          e.getMessage());
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
      ConfigException e = parseError("iterations: 3\nbatchSize: 8: 9\n");

      assertNull(e.field());
      assertEquals(
          "run.yaml, line 2, column 13: mapping values are not allowed here", e.getMessage());
    }

    @Test
    void secondDocumentIsRejectedRatherThanIgnored() {
      ConfigException e = parseError("iterations: 3\n---\niterations: 4\n");

      assertTrue(e.getMessage().startsWith("run.yaml, line 3: more than one YAML document"),
          e.getMessage());
    }
  }

  @Nested
  class Writing {

    @Test
    void writesEveryComponentOnceInRecordOrder() {
      List<String> keys =
          TrainerConfigYaml.toYaml(DEFAULTS)
              .lines()
              .map(line -> line.substring(0, line.indexOf(':')))
              .toList();

      // a component's options are an options: mapping, written only when it declares some
      List<String> components =
          Arrays.stream(TrainerConfig.class.getRecordComponents())
              .map(RecordComponent::getName)
              .filter(name -> !name.equals("options"))
              .toList();
      assertEquals(components, keys);
    }

    @Test
    void writesEnumsInLowerCaseAndPlainValues() {
      String yaml = TrainerConfigYaml.toYaml(DEFAULTS);

      assertTrue(yaml.startsWith("seed: 42\ntrainingType: epoch\niterations: 10\n"), yaml);
      assertTrue(yaml.contains("\noptimizer: adam\nlearningRate: 0.001\n"), yaml);
      assertTrue(yaml.contains("\nmonitor: dev_loss\nmonitorMode: auto\n"), yaml);
    }

    @Test
    void nonDefaultConfigDiffersInEveryField() throws Exception {
      for (RecordComponent component : TrainerConfig.class.getRecordComponents()) {
        assertNotEquals(
            component.getAccessor().invoke(DEFAULTS),
            component.getAccessor().invoke(NON_DEFAULT),
            component.getName());
      }
    }

    @Test
    void roundTripsTheDefaults() {
      assertEquals(DEFAULTS, TrainerConfigYaml.parse(TrainerConfigYaml.toYaml(DEFAULTS), "x"));
    }

    @Test
    void roundTripsANonDefaultConfig() {
      assertEquals(
          NON_DEFAULT, TrainerConfigYaml.parse(TrainerConfigYaml.toYaml(NON_DEFAULT), "x"));
    }

    /** Strings YAML would otherwise read as another type, or that need quoting or escaping. */
    private static final List<String> AWKWARD_NAMES =
        List.of(
            "true", "null", "~", "yes", "off", "123", "1.5", "1e-3", "0x10", ".inf", "2020-01-01",
            "a: b", "#x", "x #y", "- x", "[a]", "{a}", "*x", "&x", "!x", "%x", "@x", "`x", "|",
            ">", "?", ":", " lead", "trail ", "two\nlines", "end\n", "tab\tx", "quo\"te",
            "'single'", "back\\slash", "dév_loss");

    @Test
    void roundTripsRandomValidConfigs() {
      Random random = new Random(20240611);
      for (int i = 0; i < 300; i++) {
        double learningRate = Math.pow(10, -8 + 9 * random.nextDouble());
        TrainerConfig c =
            TrainerConfig.builder()
                .seed(random.nextLong())
                .trainingType(pick(random, TrainingType.values()))
                .iterations(1 + random.nextInt(Integer.MAX_VALUE))
                .batchSize(1 + random.nextInt(1024))
                .optimizer(OptimizerType.SGD)
                .learningRate(learningRate)
                .minLearningRate(learningRate * random.nextDouble())
                .weightDecay(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20))
                .momentum(random.nextDouble())
                .nesterov(random.nextBoolean())
                .beta1(random.nextDouble())
                .beta2(random.nextDouble())
                .epsilon(Double.MIN_VALUE + random.nextDouble())
                .lrSchedule(pick(random, ScheduleType.values()))
                .lrGamma(1 - random.nextDouble())
                .plateauFactor(0.5 + random.nextDouble() / 4)
                .gradientClipNorm(random.nextBoolean() ? 0 : Math.abs(random.nextGaussian()) * 1e3)
                .monitor(AWKWARD_NAMES.get(random.nextInt(AWKWARD_NAMES.size())))
                .monitorMode(pick(random, MonitorMode.values()))
                .device(random.nextBoolean() ? "cpu" : "gpu:" + random.nextInt(10_000))
                .loaderWorkers(random.nextInt(17))
                .torchThreads(random.nextInt(1025))
                .shuffle(random.nextBoolean())
                .build();

        String yaml = TrainerConfigYaml.toYaml(c);
        assertEquals(c, TrainerConfigYaml.parse(yaml, "x"), yaml);
      }
    }

    private static <E> E pick(Random random, E[] values) {
      return values[random.nextInt(values.length)];
    }
  }

  @Nested
  class Overrides {

    @Test
    void applyAndKeepTheRest() {
      Map<String, String> overrides = new LinkedHashMap<>();
      overrides.put("learningRate", "0.01");
      overrides.put("trainingType", "epoch");
      overrides.put("optimizer", "ADAM");
      overrides.put("nesterov", "false");
      overrides.put("shuffle", "TRUE");
      overrides.put("iterations", " 12 ");
      overrides.put("seed", "-9223372036854775808");
      overrides.put("monitor", "dev f1");

      TrainerConfig c = TrainerConfigYaml.withOverrides(NON_DEFAULT, overrides);

      assertEquals(
          NON_DEFAULT.toBuilder()
              .learningRate(0.01)
              .trainingType(TrainingType.EPOCH)
              .optimizer(OptimizerType.ADAM)
              .nesterov(false)
              .shuffle(true)
              .iterations(12)
              .seed(Long.MIN_VALUE)
              .monitor("dev f1")
              .build(),
          c);
    }

    @Test
    void resultIsValidated() {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> TrainerConfigYaml.withOverrides(DEFAULTS, Map.of("learningRate", "-0.1")));

      assertEquals("learningRate", e.field());
      assertEquals("learningRate: -0.1 is not allowed; must be > 0", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "iterations   | 2.5   | iterations: 2.5 is not allowed; must be an integer",
          "iterations   | ten   | iterations: \"ten\" is not allowed; must be an integer",
          "learningRate | 1/3   | learningRate: \"1/3\" is not allowed; must be a number",
          "learningRate | NaN   | learningRate: \"NaN\" is not allowed; must be a number",
          "progressBar  | yes   | progressBar: \"yes\" is not allowed; must be true or false",
          "lrSchedule   | cosin | lrSchedule: \"cosin\" is not allowed;"
              + " must be one of constant, step, cosine, linear, plateau",
          "learningrate | 0.1   | unknown key 'learningrate'; did you mean 'learningRate'?",
        })
    void wrongKeyOrTypeNamesTheField(String key, String value, String message) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> TrainerConfigYaml.withOverrides(DEFAULTS, Map.of(key, value)));

      assertEquals(key, e.field());
      assertEquals(message, e.getMessage());
    }
  }

  @Nested
  class OnDisk {

    @TempDir Path dir;

    @Test
    void saveThenLoadGivesTheSameConfigAndLeavesNoTemporaryFile() throws Exception {
      Path file = dir.resolve("config.yaml");
      TrainerConfigYaml.save(DEFAULTS, file);
      TrainerConfigYaml.save(NON_DEFAULT, file);

      assertEquals(NON_DEFAULT, TrainerConfigYaml.load(file));
      try (var listing = Files.list(dir)) {
        assertEquals(List.of(file), listing.toList());
      }
    }

    @Test
    void missingFileIsNamed() {
      Path file = dir.resolve("nope.yaml");

      ConfigException e = assertThrows(ConfigException.class, () -> TrainerConfigYaml.load(file));

      assertNull(e.field());
      assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void badValueInAFileNamesFileLineAndField() throws Exception {
      Path file = dir.resolve("run.yaml");
      Files.writeString(file, "iterations: 3\nmomentum: 1.5\n");

      ConfigException e = assertThrows(ConfigException.class, () -> TrainerConfigYaml.load(file));

      assertEquals("momentum", e.field());
      assertEquals(
          file + ", line 2: momentum: 1.5 is not allowed; must be in [0, 1)", e.getMessage());
    }

    @Test
    void unreadableFileIsNamed() {
      ConfigException e = assertThrows(ConfigException.class, () -> TrainerConfigYaml.load(dir));

      assertTrue(e.getMessage().startsWith(dir + ": cannot read"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
  }
}
