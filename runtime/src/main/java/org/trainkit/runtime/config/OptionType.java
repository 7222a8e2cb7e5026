package org.trainkit.runtime.config;

import static org.trainkit.runtime.config.ConfigValidation.notAllowed;
import static org.trainkit.runtime.config.ConfigValidation.oneOf;
import static org.trainkit.runtime.config.ConfigValidation.yamlName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How one type of value is read from a YAML node or from command-line text, and written back:
 * the types of the loop's keys and of a component's options ({@link ComponentOptions}). Mistakes
 * are reported with the one wording of {@link ConfigValidation}: {@code key: value is not
 * allowed; must be ...}.
 *
 * @param <T> the value's Java type
 */
public abstract class OptionType<T> {

  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");

  public static final OptionType<Long> LONG =
      new OptionType<>("an integer") {
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

  public static final OptionType<Integer> INT =
      new OptionType<>("an integer") {
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

  public static final OptionType<Double> DOUBLE =
      new OptionType<>("a number") {
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

  public static final OptionType<Boolean> BOOLEAN =
      new OptionType<>("true or false") {
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

  public static final OptionType<String> STRING =
      new OptionType<>("a string") {
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

  /** A file system path, written as text; relative paths stay relative. */
  public static final OptionType<Path> PATH =
      new OptionType<>("a path") {
        @Override
        Path read(String key, JsonNode node) {
          if (!node.isTextual() || node.textValue().isBlank()) {
            throw mismatch(key, node);
          }
          try {
            return Path.of(node.textValue());
          } catch (InvalidPathException e) {
            throw mismatch(key, node, "a path (" + e.getReason() + ")");
          }
        }

        @Override
        JsonNode write(Path value) {
          return TextNode.valueOf(value.toString());
        }
      };

  /**
   * A list of strings: a YAML sequence in a file; on the command line, the items separated by
   * commas ({@code --set options.labels=PER,LOC}).
   */
  public static final OptionType<List<String>> STRING_LIST =
      new OptionType<>("a list of strings") {
        @Override
        List<String> read(String key, JsonNode node) {
          if (!node.isArray()) {
            throw mismatch(key, node);
          }
          List<String> items = new ArrayList<>();
          for (JsonNode item : node) {
            if (!item.isTextual()) {
              throw mismatch(key, node);
            }
            items.add(item.textValue());
          }
          return List.copyOf(items);
        }

        @Override
        JsonNode write(List<String> value) {
          ArrayNode array = JsonNodeFactory.instance.arrayNode();
          value.forEach(array::add);
          return array;
        }

        @Override
        JsonNode parseText(String text) {
          ArrayNode array = JsonNodeFactory.instance.arrayNode();
          if (!text.isBlank()) {
            for (String item : text.split(",", -1)) {
              array.add(item.strip());
            }
          }
          return array;
        }
      };

  /** A value not checked yet: kept as written, until a component's own type reads it. */
  static final OptionType<JsonNode> UNCHECKED =
      new OptionType<>("any value") {
        @Override
        JsonNode read(String key, JsonNode node) {
          return node;
        }

        @Override
        JsonNode write(JsonNode value) {
          return value;
        }
      };

  public static <E extends Enum<E>> OptionType<E> enumOf(E[] values) {
    return new OptionType<>(oneOf(values)) {
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

  /**
   * Command-line text as the number YAML would read from it, so that an override is type-checked
   * exactly like the same value in a file; text that is no number stays text and is reported.
   */
  static JsonNode numberFromText(String text) {
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

/** How one type of value is read from a YAML node or from command-line text, and written back. */


  /** What a value must be, as messages say it: "an integer", "one of adam, adamw, sgd". */
  private final String expected;

  OptionType(String expected) {
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
