package org.trainkit.runtime.config;

import static org.trainkit.runtime.config.ConfigValidation.notAllowed;
import static org.trainkit.runtime.config.ConfigValidation.oneOf;
import static org.trainkit.runtime.config.ConfigValidation.yamlName;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.trainkit.runtime.config.TrainerConfig.Builder;
import org.trainkit.runtime.config.TrainerConfig.MonitorMode;
import org.trainkit.runtime.config.TrainerConfig.NonFinitePolicy;
import org.trainkit.runtime.config.TrainerConfig.OptimizerType;
import org.trainkit.runtime.config.TrainerConfig.ScheduleType;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads and writes a {@link TrainerConfig} as YAML, and applies command-line overrides to one.
 *
 * <p>A file is a flat mapping whose keys are the record's component names in camelCase, e.g.
 * {@code learningRate: 0.01}; enums are written in lower case ({@code trainingType: epoch}) and
 * read in any case. A file may set only a few keys: the others keep the builder's defaults. Any
 * mistake is a {@link ConfigException} naming the file, the line, the key, the value and what is
 * allowed; an unknown key gets the nearest known one as a suggestion. A component's own options
 * ({@link ComponentOptions}) are the {@code options:} mapping, {@code options.name} on the
 * command line.
 *
 * <p>Keys are mapped to the builder by an explicit table rather than by Jackson's record binding:
 * that binding works by reflection, which the runtime does not use, and could not give messages
 * as precise as these.
 */
public final class TrainerConfigYaml {

  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          // With quotes minimised, a monitor named "1" must still be quoted to read back as text.
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .build();

  /** Every key in record order: the order {@link #toYaml} writes and "did you mean" searches. */
  private static final Map<String, Key<?>> KEYS =
      index(
          List.of(
              new Key<>("seed", OptionType.LONG, TrainerConfig::seed, Builder::seed),
              new Key<>(
                  "trainingType",
                  OptionType.enumOf(TrainingType.values()),
                  TrainerConfig::trainingType,
                  Builder::trainingType),
              new Key<>("iterations", OptionType.INT, TrainerConfig::iterations, Builder::iterations),
              new Key<>("batchSize", OptionType.INT, TrainerConfig::batchSize, Builder::batchSize),
              new Key<>(
                  "inferenceBatchSize",
                  OptionType.INT,
                  TrainerConfig::inferenceBatchSize,
                  Builder::inferenceBatchSize),
              new Key<>("evalFrequency", OptionType.INT, TrainerConfig::evalFrequency, Builder::evalFrequency),
              new Key<>("saveFrequency", OptionType.INT, TrainerConfig::saveFrequency, Builder::saveFrequency),
              new Key<>(
                  "optimizer",
                  OptionType.enumOf(OptimizerType.values()),
                  TrainerConfig::optimizer,
                  Builder::optimizer),
              new Key<>("learningRate", OptionType.DOUBLE, TrainerConfig::learningRate, Builder::learningRate),
              new Key<>("weightDecay", OptionType.DOUBLE, TrainerConfig::weightDecay, Builder::weightDecay),
              new Key<>("momentum", OptionType.DOUBLE, TrainerConfig::momentum, Builder::momentum),
              new Key<>("nesterov", OptionType.BOOLEAN, TrainerConfig::nesterov, Builder::nesterov),
              new Key<>("beta1", OptionType.DOUBLE, TrainerConfig::beta1, Builder::beta1),
              new Key<>("beta2", OptionType.DOUBLE, TrainerConfig::beta2, Builder::beta2),
              new Key<>("epsilon", OptionType.DOUBLE, TrainerConfig::epsilon, Builder::epsilon),
              new Key<>(
                  "lrSchedule",
                  OptionType.enumOf(ScheduleType.values()),
                  TrainerConfig::lrSchedule,
                  Builder::lrSchedule),
              new Key<>("warmupSteps", OptionType.INT, TrainerConfig::warmupSteps, Builder::warmupSteps),
              new Key<>("lrStepSize", OptionType.INT, TrainerConfig::lrStepSize, Builder::lrStepSize),
              new Key<>("lrGamma", OptionType.DOUBLE, TrainerConfig::lrGamma, Builder::lrGamma),
              new Key<>(
                  "minLearningRate",
                  OptionType.DOUBLE,
                  TrainerConfig::minLearningRate,
                  Builder::minLearningRate),
              new Key<>(
                  "plateauPatience", OptionType.INT, TrainerConfig::plateauPatience, Builder::plateauPatience),
              new Key<>(
                  "plateauFactor", OptionType.DOUBLE, TrainerConfig::plateauFactor, Builder::plateauFactor),
              new Key<>(
                  "gradientClipNorm",
                  OptionType.DOUBLE,
                  TrainerConfig::gradientClipNorm,
                  Builder::gradientClipNorm),
              new Key<>(
                  "gradientAccumulation",
                  OptionType.INT,
                  TrainerConfig::gradientAccumulation,
                  Builder::gradientAccumulation),
              new Key<>("monitor", OptionType.STRING, TrainerConfig::monitor, Builder::monitor),
              new Key<>(
                  "monitorMode",
                  OptionType.enumOf(MonitorMode.values()),
                  TrainerConfig::monitorMode,
                  Builder::monitorMode),
              new Key<>(
                  "earlyStoppingPatience",
                  OptionType.INT,
                  TrainerConfig::earlyStoppingPatience,
                  Builder::earlyStoppingPatience),
              new Key<>(
                  "earlyStoppingMinDelta",
                  OptionType.DOUBLE,
                  TrainerConfig::earlyStoppingMinDelta,
                  Builder::earlyStoppingMinDelta),
              new Key<>("device", OptionType.STRING, c -> c.device().toString(), Builder::device),
              new Key<>("loaderWorkers", OptionType.INT, TrainerConfig::loaderWorkers, Builder::loaderWorkers),
              new Key<>("torchThreads", OptionType.INT, TrainerConfig::torchThreads, Builder::torchThreads),
              new Key<>(
                  "prefetchBatches", OptionType.INT, TrainerConfig::prefetchBatches, Builder::prefetchBatches),
              new Key<>("shuffle", OptionType.BOOLEAN, TrainerConfig::shuffle, Builder::shuffle),
              new Key<>("progressBar", OptionType.BOOLEAN, TrainerConfig::progressBar, Builder::progressBar),
              new Key<>(
                  "saveTrainOutputs", OptionType.BOOLEAN, TrainerConfig::saveTrainOutputs, Builder::saveTrainOutputs),
              new Key<>(
                  "saveDevOutputs", OptionType.BOOLEAN, TrainerConfig::saveDevOutputs, Builder::saveDevOutputs),
              new Key<>(
                  "saveTestOutputs", OptionType.BOOLEAN, TrainerConfig::saveTestOutputs, Builder::saveTestOutputs),
              new Key<>("tensorboard", OptionType.BOOLEAN, TrainerConfig::tensorboard, Builder::tensorboard),
              new Key<>(
                  "nonFiniteLoss",
                  OptionType.enumOf(NonFinitePolicy.values()),
                  TrainerConfig::nonFiniteLoss,
                  Builder::nonFiniteLoss)));

  /** The key of the mapping that holds a component's own options. */
  private static final String OPTIONS = "options";

  private TrainerConfigYaml() {}

  /**
   * Reads a configuration file.
   *
   * @throws ConfigException if the file cannot be read, is not valid YAML, or sets a key wrongly;
   *     the message starts with the file and, where known, the line
   */
  public static TrainerConfig load(Path file) {
    return load(file, TrainerConfig.builder().options(ComponentOptions.UNCHECKED).build());
  }

  /**
   * Reads a configuration file over {@code base}: keys the file does not set keep the base's
   * values, and its {@code options:} mapping is checked against the base's options (those a
   * component declares, see {@link ComponentOptions}).
   *
   * @throws ConfigException if the file cannot be read, is not valid YAML, or sets a key wrongly
   */
  public static TrainerConfig load(Path file, TrainerConfig base) {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(null, file + ": no such file", e);
    } catch (MalformedInputException e) {
      throw new ConfigException(null, file + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigException(null, file + ": cannot read (" + e + ")", e);
    }
    return parse(yaml, file.toString(), base);
  }

  /**
   * Reads a configuration from YAML text. An empty document gives the defaults.
   *
   * @param sourceName where the text came from, e.g. a file name; messages start with it
   * @throws ConfigException if the text is not valid YAML or sets a key wrongly
   */
  public static TrainerConfig parse(String yaml, String sourceName) {
    return parse(yaml, sourceName, TrainerConfig.builder().options(ComponentOptions.UNCHECKED).build());
  }

  /**
   * Reads a configuration from YAML text over {@code base} (see {@link #load(Path,
   * TrainerConfig)}). An empty document gives the base.
   */
  public static TrainerConfig parse(String yaml, String sourceName, TrainerConfig base) {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(sourceName, "sourceName");
    Builder builder = base.toBuilder();
    ComponentOptions options = base.options();
    // Where each key was set, so that a value rejected only by build() is still placed.
    Map<String, Integer> lines = new HashMap<>();
    // A tree has no line numbers: stream the top-level mapping and read each value as a tree.
    try (JsonParser parser = MAPPER.createParser(yaml)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return base;
      }
      if (first != JsonToken.START_OBJECT) {
        throw located(
            sourceName,
            parser.currentTokenLocation().getLineNr(),
            new ConfigException(null, "the top level must be a mapping of key: value lines"));
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken valueToken = parser.nextToken();
        Integer earlier = lines.putIfAbsent(key, line);
        if (earlier != null) {
          throw located(sourceName, line, new ConfigException(
              key, "duplicate key '" + key + "' (first set on line " + earlier + ")"));
        }
        if (key.equals(OPTIONS)) {
          options = readOptions(parser, valueToken, options, sourceName, line);
          continue;
        }
        JsonNode value = MAPPER.readTree(parser);
        try {
          key(key, options).read(builder, value == null ? NullNode.getInstance() : value);
        } catch (ConfigException e) {
          throw located(sourceName, line, e);
        }
      }
      if (parser.nextToken() != null) {
        throw located(
            sourceName,
            parser.currentTokenLocation().getLineNr(),
            new ConfigException(null, "more than one YAML document; a config is one mapping"));
      }
    } catch (JsonProcessingException e) {
      throw syntaxError(sourceName, e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading YAML from a string cannot fail this way", e);
    }
    try {
      return builder.options(options).build();
    } catch (ConfigException e) {
      throw located(sourceName, lines.getOrDefault(e.field(), -1), e);
    }
  }

  /** The {@code options:} mapping, one option per line, each checked where it stands. */
  private static ComponentOptions readOptions(
      JsonParser parser, JsonToken start, ComponentOptions options, String sourceName, int line)
      throws IOException {
    if (start != JsonToken.START_OBJECT) {
      MAPPER.readTree(parser);
      throw located(sourceName, line, new ConfigException(
          OPTIONS, "options: must be a mapping of the component's option: value lines"));
    }
    Map<String, Integer> lines = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      int optionLine = parser.currentTokenLocation().getLineNr();
      parser.nextToken();
      JsonNode value = MAPPER.readTree(parser);
      String key = ComponentOptions.key(name);
      try {
        Integer earlier = lines.putIfAbsent(name, optionLine);
        if (earlier != null) {
          throw new ConfigException(
              key, "duplicate key '" + key + "' (first set on line " + earlier + ")");
        }
        requireOption(name, options);
        options = options.with(name, value == null ? NullNode.getInstance() : value);
      } catch (ConfigException e) {
        throw located(sourceName, optionLine, e);
      }
    }
    return options;
  }

  private static void requireOption(String name, ComponentOptions options) {
    if (!options.accepts(name)) {
      throw unknownKey(ComponentOptions.key(name), options);
    }
  }

  /**
   * Writes every field, one {@code key: value} line each, in record order; enums in lower case.
   * {@link #parse} reads the result back to an equal configuration.
   */
  public static String toYaml(TrainerConfig config) {
    ObjectNode root = MAPPER.createObjectNode();
    for (Key<?> key : KEYS.values()) {
      root.set(key.name(), key.write(config));
    }
    if (!config.options().isEmpty()) {
      ObjectNode options = root.putObject(OPTIONS);
      config.options().toNodes().forEach(options::set);
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a mapping of scalars as YAML", e);
    }
  }

  /**
   * Writes {@link #toYaml} to a file, replacing it atomically: a crash mid-write leaves the old
   * file or the new one, never half of one.
   *
   * @throws UncheckedIOException if the file cannot be written; the message names it
   */
  public static void save(TrainerConfig config, Path file) {
    String yaml = toYaml(config);
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(temp, yaml);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot write config file " + file + " (" + e + ")", e);
    }
  }

  /**
   * Applies {@code key=value} overrides, as given on a command line, to {@code base}; keys not
   * given keep the base's value. Each value is text, converted to its field's type and checked
   * as the same value in a file would be: {@code learningRate=0.01}, {@code trainingType=step},
   * {@code shuffle=false}. A key's whole text is its value; it is not parsed as YAML.
   *
   * @throws ConfigException if a key is unknown, a value has the wrong type, or the result breaks
   *     a rule
   */
  public static TrainerConfig withOverrides(TrainerConfig base, Map<String, String> overrides) {
    Builder builder = base.toBuilder();
    ComponentOptions options = base.options();
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      String key = override.getKey();
      if (key.startsWith(OPTIONS + ".")) {
        String name = key.substring(OPTIONS.length() + 1);
        requireOption(name, options);
        options = options.withText(name, override.getValue());
      } else {
        key(key, options).readText(builder, override.getValue());
      }
    }
    return builder.options(options).build();
  }

  private static Key<?> key(String name, ComponentOptions options) {
    Key<?> key = KEYS.get(name);
    if (key == null) {
      throw unknownKey(name, options);
    }
    return key;
  }

  /** An unknown key, with the nearest known one (a loop key or an option) as a suggestion. */
  private static ConfigException unknownKey(String name, ComponentOptions options) {
    List<String> known = new ArrayList<>(KEYS.keySet());
    options.names().forEach(option -> known.add(ComponentOptions.key(option)));
    String nearest = NearestName.among(name, known).orElse(null);
    return new ConfigException(
        name,
        nearest != null
            ? "unknown key '" + name + "'; did you mean '" + nearest + "'?"
            : "unknown key '" + name + "'; allowed keys: " + String.join(", ", known));
  }

  /** The same error, its message prefixed with the source and, when known (> 0), the line. */
  private static ConfigException located(String sourceName, int line, ConfigException e) {
    String place = line > 0 ? sourceName + ", line " + line : sourceName;
    return new ConfigException(e.field(), place + ": " + e.getMessage(), e);
  }

  /**
   * A YAML syntax error, placed where SnakeYAML (Jackson's YAML engine) pins the problem: Jackson's
   * own location is where its parser last stood, often a line earlier.
   */
  private static ConfigException syntaxError(String sourceName, JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      Mark mark = yaml.getProblemMark();
      String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
      return new ConfigException(
          null,
          sourceName
              + ", line "
              + (mark.getLine() + 1)
              + ", column "
              + (mark.getColumn() + 1)
              + ": "
              + yaml.getProblem()
              + context,
          e);
    }
    int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
    return located(sourceName, line, new ConfigException(null, e.getOriginalMessage(), e));
  }

  private static Map<String, Key<?>> index(List<Key<?>> keys) {
    Map<String, Key<?>> byName = new LinkedHashMap<>();
    for (Key<?> key : keys) {
      byName.put(key.name(), key);
    }
    return Collections.unmodifiableMap(byName);
  }

  /** One key of the table: its name, how its value is typed, and the record and builder ends. */
  private record Key<T>(
      String name,
      OptionType<T> codec,
      Function<TrainerConfig, T> getter,
      BiConsumer<Builder, T> setter) {

    void read(Builder builder, JsonNode node) {
      setter.accept(builder, codec.read(name, node));
    }

    void readText(Builder builder, String text) {
      read(builder, text == null ? NullNode.getInstance() : codec.parseText(text));
    }

    JsonNode write(TrainerConfig config) {
      return codec.write(getter.apply(config));
    }
  }
}
