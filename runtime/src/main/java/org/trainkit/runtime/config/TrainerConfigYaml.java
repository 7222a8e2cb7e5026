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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * allowed; an unknown key gets the nearest known one as a suggestion.
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

  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");

  private static final Codec<Long> LONG =
      new Codec<>("an integer") {
        @Override
        Long read(String key, JsonNode node) {
          if (!node.isIntegralNumber()) {
            throw mismatch(key, node);
          }
          if (!node.canConvertToLong()) {
            throw mismatch(
                key, node, "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
          }
          return node.longValue();
        }

        @Override
        JsonNode write(Long value) {
          return LongNode.valueOf(value);
        }

        @Override
        JsonNode parseText(String text) {
          return numberFromText(text);
        }
      };

  private static final Codec<Integer> INT =
      new Codec<>("an integer") {
        @Override
        Integer read(String key, JsonNode node) {
          if (!node.isIntegralNumber()) {
            throw mismatch(key, node);
          }
          if (!node.canConvertToInt()) {
            throw mismatch(
                key, node, "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
          }
          return node.intValue();
        }

        @Override
        JsonNode write(Integer value) {
          return IntNode.valueOf(value);
        }

        @Override
        JsonNode parseText(String text) {
          return numberFromText(text);
        }
      };

  private static final Codec<Double> DOUBLE =
      new Codec<>("a number") {
        @Override
        Double read(String key, JsonNode node) {
          if (!node.isNumber()) {
            throw mismatch(key, node);
          }
          return node.doubleValue();
        }

        @Override
        JsonNode write(Double value) {
          return DoubleNode.valueOf(value);
        }

        @Override
        JsonNode parseText(String text) {
          return numberFromText(text);
        }
      };

  private static final Codec<Boolean> BOOLEAN =
      new Codec<>("true or false") {
        @Override
        Boolean read(String key, JsonNode node) {
          if (!node.isBoolean()) {
            throw mismatch(key, node);
          }
          return node.booleanValue();
        }

        @Override
        JsonNode write(Boolean value) {
          return BooleanNode.valueOf(value);
        }

        @Override
        JsonNode parseText(String text) {
          String s = text.strip();
          if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return BooleanNode.valueOf(Boolean.parseBoolean(s));
          }
          return TextNode.valueOf(text);
        }
      };

  private static final Codec<String> STRING =
      new Codec<>("a string") {
        @Override
        String read(String key, JsonNode node) {
          if (!node.isTextual()) {
            throw mismatch(key, node);
          }
          return node.textValue();
        }

        @Override
        JsonNode write(String value) {
          return TextNode.valueOf(value);
        }
      };

  /** Every key in record order: the order {@link #toYaml} writes and "did you mean" searches. */
  private static final Map<String, Key<?>> KEYS =
      index(
          List.of(
              new Key<>("seed", LONG, TrainerConfig::seed, Builder::seed),
              new Key<>(
                  "trainingType",
                  enumCodec(TrainingType.values()),
                  TrainerConfig::trainingType,
                  Builder::trainingType),
              new Key<>("iterations", INT, TrainerConfig::iterations, Builder::iterations),
              new Key<>("batchSize", INT, TrainerConfig::batchSize, Builder::batchSize),
              new Key<>(
                  "inferenceBatchSize",
                  INT,
                  TrainerConfig::inferenceBatchSize,
                  Builder::inferenceBatchSize),
              new Key<>("evalFrequency", INT, TrainerConfig::evalFrequency, Builder::evalFrequency),
              new Key<>("saveFrequency", INT, TrainerConfig::saveFrequency, Builder::saveFrequency),
              new Key<>(
                  "optimizer",
                  enumCodec(OptimizerType.values()),
                  TrainerConfig::optimizer,
                  Builder::optimizer),
              new Key<>("learningRate", DOUBLE, TrainerConfig::learningRate, Builder::learningRate),
              new Key<>("weightDecay", DOUBLE, TrainerConfig::weightDecay, Builder::weightDecay),
              new Key<>("momentum", DOUBLE, TrainerConfig::momentum, Builder::momentum),
              new Key<>("nesterov", BOOLEAN, TrainerConfig::nesterov, Builder::nesterov),
              new Key<>("beta1", DOUBLE, TrainerConfig::beta1, Builder::beta1),
              new Key<>("beta2", DOUBLE, TrainerConfig::beta2, Builder::beta2),
              new Key<>("epsilon", DOUBLE, TrainerConfig::epsilon, Builder::epsilon),
              new Key<>(
                  "lrSchedule",
                  enumCodec(ScheduleType.values()),
                  TrainerConfig::lrSchedule,
                  Builder::lrSchedule),
              new Key<>("warmupSteps", INT, TrainerConfig::warmupSteps, Builder::warmupSteps),
              new Key<>("lrStepSize", INT, TrainerConfig::lrStepSize, Builder::lrStepSize),
              new Key<>("lrGamma", DOUBLE, TrainerConfig::lrGamma, Builder::lrGamma),
              new Key<>(
                  "minLearningRate",
                  DOUBLE,
                  TrainerConfig::minLearningRate,
                  Builder::minLearningRate),
              new Key<>(
                  "plateauPatience", INT, TrainerConfig::plateauPatience, Builder::plateauPatience),
              new Key<>(
                  "plateauFactor", DOUBLE, TrainerConfig::plateauFactor, Builder::plateauFactor),
              new Key<>(
                  "gradientClipNorm",
                  DOUBLE,
                  TrainerConfig::gradientClipNorm,
                  Builder::gradientClipNorm),
              new Key<>(
                  "gradientAccumulation",
                  INT,
                  TrainerConfig::gradientAccumulation,
                  Builder::gradientAccumulation),
              new Key<>("monitor", STRING, TrainerConfig::monitor, Builder::monitor),
              new Key<>(
                  "monitorMode",
                  enumCodec(MonitorMode.values()),
                  TrainerConfig::monitorMode,
                  Builder::monitorMode),
              new Key<>(
                  "earlyStoppingPatience",
                  INT,
                  TrainerConfig::earlyStoppingPatience,
                  Builder::earlyStoppingPatience),
              new Key<>(
                  "earlyStoppingMinDelta",
                  DOUBLE,
                  TrainerConfig::earlyStoppingMinDelta,
                  Builder::earlyStoppingMinDelta),
              new Key<>("device", STRING, c -> c.device().toString(), Builder::device),
              new Key<>("loaderWorkers", INT, TrainerConfig::loaderWorkers, Builder::loaderWorkers),
              new Key<>(
                  "prefetchBatches", INT, TrainerConfig::prefetchBatches, Builder::prefetchBatches),
              new Key<>("shuffle", BOOLEAN, TrainerConfig::shuffle, Builder::shuffle),
              new Key<>("progressBar", BOOLEAN, TrainerConfig::progressBar, Builder::progressBar),
              new Key<>(
                  "saveTrainOutputs", BOOLEAN, TrainerConfig::saveTrainOutputs, Builder::saveTrainOutputs),
              new Key<>(
                  "saveDevOutputs", BOOLEAN, TrainerConfig::saveDevOutputs, Builder::saveDevOutputs),
              new Key<>(
                  "saveTestOutputs", BOOLEAN, TrainerConfig::saveTestOutputs, Builder::saveTestOutputs),
              new Key<>(
                  "nonFiniteLoss",
                  enumCodec(NonFinitePolicy.values()),
                  TrainerConfig::nonFiniteLoss,
                  Builder::nonFiniteLoss)));

  private TrainerConfigYaml() {}

  /**
   * Reads a configuration file.
   *
   * @throws ConfigException if the file cannot be read, is not valid YAML, or sets a key wrongly;
   *     the message starts with the file and, where known, the line
   */
  public static TrainerConfig load(Path file) {
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
    return parse(yaml, file.toString());
  }

  /**
   * Reads a configuration from YAML text. An empty document gives the defaults.
   *
   * @param sourceName where the text came from, e.g. a file name; messages start with it
   * @throws ConfigException if the text is not valid YAML or sets a key wrongly
   */
  public static TrainerConfig parse(String yaml, String sourceName) {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(sourceName, "sourceName");
    Builder builder = TrainerConfig.builder();
    // Where each key was set, so that a value rejected only by build() is still placed.
    Map<String, Integer> lines = new HashMap<>();
    // A tree has no line numbers: stream the top-level mapping and read each value as a tree.
    try (JsonParser parser = MAPPER.createParser(yaml)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return builder.build();
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
        parser.nextToken();
        JsonNode value = MAPPER.readTree(parser);
        Integer earlier = lines.putIfAbsent(key, line);
        try {
          if (earlier != null) {
            throw new ConfigException(
                key, "duplicate key '" + key + "' (first set on line " + earlier + ")");
          }
          key(key).read(builder, value == null ? NullNode.getInstance() : value);
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
      return builder.build();
    } catch (ConfigException e) {
      throw located(sourceName, lines.getOrDefault(e.field(), -1), e);
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
    overrides.forEach((key, text) -> key(key).readText(builder, text));
    return builder.build();
  }

  private static Key<?> key(String name) {
    Key<?> key = KEYS.get(name);
    if (key == null) {
      String nearest = nearestKey(name);
      throw new ConfigException(
          name,
          nearest != null
              ? "unknown key '" + name + "'; did you mean '" + nearest + "'?"
              : "unknown key '" + name + "'; allowed keys: " + String.join(", ", KEYS.keySet()));
    }
    return key;
  }

  /**
   * The known key nearest to {@code name} by edit distance, ignoring case, or null when none is
   * close enough to be a plausible typo.
   */
  private static String nearestKey(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, name.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : KEYS.keySet()) {
      int distance = levenshtein(lower, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= limit ? best : null;
  }

  private static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
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

  /**
   * Command-line text as the number YAML would read from it, so that an override is type-checked
   * exactly like the same value in a file; text that is no number stays text and is reported.
   */
  private static JsonNode numberFromText(String text) {
    String s = text.strip();
    try {
      if (INTEGER.matcher(s).matches()) {
        return BigIntegerNode.valueOf(new BigInteger(s));
      }
      return DoubleNode.valueOf(new BigDecimal(s).doubleValue());
    } catch (NumberFormatException e) {
      return TextNode.valueOf(text);
    }
  }

  private static Map<String, Key<?>> index(List<Key<?>> keys) {
    Map<String, Key<?>> byName = new LinkedHashMap<>();
    for (Key<?> key : keys) {
      byName.put(key.name(), key);
    }
    return Collections.unmodifiableMap(byName);
  }

  private static <E extends Enum<E>> Codec<E> enumCodec(E[] values) {
    return new Codec<>(oneOf(values)) {
      @Override
      E read(String key, JsonNode node) {
        if (node.isTextual()) {
          for (E value : values) {
            if (value.name().equalsIgnoreCase(node.textValue())) {
              return value;
            }
          }
        }
        throw mismatch(key, node);
      }

      @Override
      JsonNode write(E value) {
        return TextNode.valueOf(yamlName(value));
      }

      @Override
      JsonNode parseText(String text) {
        return TextNode.valueOf(text.strip());
      }
    };
  }

  /** One key of the table: its name, how its value is typed, and the record and builder ends. */
  private record Key<T>(
      String name,
      Codec<T> codec,
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

  /** How one type of value is read from a YAML node or from command-line text, and written back. */
  private abstract static class Codec<T> {

    /** What a value must be, as messages say it: "an integer", "one of adam, adamw, sgd". */
    private final String expected;

    Codec(String expected) {
      this.expected = expected;
    }

    /** The value of {@code node}; a {@link ConfigException} naming {@code key} if mistyped. */
    abstract T read(String key, JsonNode node);

    abstract JsonNode write(T value);

    /** The node that command-line text stands for; {@link #read} checks it as a file's value. */
    JsonNode parseText(String text) {
      return TextNode.valueOf(text);
    }

    ConfigException mismatch(String key, JsonNode node) {
      return mismatch(key, node, expected);
    }

    // JSON notation shows strings quoted and anything else as it was written.
    ConfigException mismatch(String key, JsonNode node, String expected) {
      return notAllowed(key, node.toString(), expected);
    }
  }
}
