package org.trainkit.runtime.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.trainkit.runtime.EpochSummary;

/**
 * The JSON form of an {@link EpochSummary} and of numbers that may be NaN or infinite, shared by
 * {@code history.json}, {@code metrics.jsonl} and {@code summary.json} so that one iteration
 * reads the same in all three. Only trees are used: nothing is bound to classes.
 *
 * <p>Doubles: finite values are written by Jackson as {@link Double#toString}, which parses back
 * to the same bits. NaN means "no value" (an iteration that was not evaluated) and is written as
 * {@code null}; the infinities, which JSON has no literal for, as the strings {@code "Infinity"}
 * and {@code "-Infinity"}. Reading accepts those, and the string {@code "NaN"} too.
 */
public final class Json {

  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // A repeated key would silently drop a value (say, a metric); refuse it instead.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** Two-space indents, {@code "key": value}, one array element per line, {@code "\n"} always. */
  private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

  private Json() {}

  private static DefaultPrettyPrinter prettyPrinter() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
    // Fixed line feeds keep the files byte-for-byte the same on every platform.
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }

  /** One iteration, as in {@code history.json}'s {@code iterations}. */
  public static ObjectNode entry(EpochSummary s) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("iteration", s.iteration());
    node.put("globalStep", s.globalStep());
    putNumber(node, "trainLoss", s.trainLoss());
    putNumber(node, "devLoss", s.devLoss());
    node.set("metrics", metrics(s.metrics()));
    putNumber(node, "learningRate", s.learningRate());
    putNumber(node, "seconds", s.seconds());
    return node;
  }

  /** Metric values by name, in the map's order. */
  public static ObjectNode metrics(Map<String, Double> metrics) {
    ObjectNode node = MAPPER.createObjectNode();
    metrics.forEach((name, value) -> putNumber(node, name, value));
    return node;
  }

  /** Reads back what {@link #entry} wrote; {@code where} says which entry, for messages. */
  public static EpochSummary parseEntry(JsonNode node, Path file, String where) throws IOException {
    requireObject(node, file, where);
    JsonNode iteration = require(node, "iteration", file, where);
    if (!iteration.isIntegralNumber() || !iteration.canConvertToInt()) {
      throw problem(file, where + ".iteration must be an integer, not " + iteration);
    }
    JsonNode globalStep = require(node, "globalStep", file, where);
    if (!globalStep.isIntegralNumber() || !globalStep.canConvertToLong()) {
      throw problem(file, where + ".globalStep must be an integer, not " + globalStep);
    }
    JsonNode metrics = require(node, "metrics", file, where);
    requireObject(metrics, file, where + ".metrics");
    Map<String, Double> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> metric : metrics.properties()) {
      values.put(
          metric.getKey(),
          toDouble(metric.getValue(), file, where + ".metrics." + metric.getKey()));
    }
    return new EpochSummary(
        iteration.intValue(),
        globalStep.longValue(),
        number(node, "trainLoss", file, where),
        number(node, "devLoss", file, where),
        values,
        number(node, "learningRate", file, where),
        number(node, "seconds", file, where));
  }

  public static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else if (Double.isInfinite(value)) {
      node.put(field, value > 0 ? "Infinity" : "-Infinity");
    } else {
      node.put(field, value);
    }
  }

  /** The double held in a required field, as {@link #putNumber} wrote it. */
  public static double number(JsonNode node, String field, Path file, String where) throws IOException {
    return toDouble(require(node, field, file, where), file, where + "." + field);
  }

  private static double toDouble(JsonNode value, Path file, String where) throws IOException {
    if (value.isNull()) {
      return Double.NaN;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      switch (value.textValue()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw problem(
        file, where + " must be a number, null, \"Infinity\" or \"-Infinity\", not " + value);
  }

  public static JsonNode require(JsonNode node, String field, Path file, String where)
      throws IOException {
    JsonNode value = node.get(field);
    if (value == null) {
      throw problem(file, where + " has no \"" + field + "\"");
    }
    return value;
  }

  public static void requireObject(JsonNode node, Path file, String where) throws IOException {
    if (!node.isObject()) {
      throw problem(file, where + " must be a JSON object, not " + describe(node));
    }
  }

  /** Reads a file holding one JSON object; every failure names the file. */
  public static JsonNode readObject(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw cannot("read", file, e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
      throw new IOException(file + line + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    requireObject(root, file, "the file");
    return root;
  }

  /** Indented JSON ending with a line feed. */
  public static byte[] pretty(JsonNode node) throws IOException {
    return (PRETTY.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** JSON on one line, without a line feed. */
  public static String compact(JsonNode node) throws IOException {
    return MAPPER.writeValueAsString(node);
  }

  public static IOException problem(Path file, String message) {
    return new IOException(file + ": " + message);
  }

  /**
   * An I/O failure on {@code file} in words, e.g. {@code cannot read run/history.json: no such
   * file or directory}; the original exception is the cause.
   */
  public static IOException cannot(String verb, Path file, IOException e) {
    String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    if (e instanceof FileSystemException) {
      FileSystemException fse = (FileSystemException) e;
      String reason =
          e instanceof NoSuchFileException
              ? "no such file or directory"
              : e instanceof AccessDeniedException
                  ? "permission denied"
                  : fse.getReason() != null ? fse.getReason() : e.getClass().getSimpleName();
      // Name the path the failure was about when it is not the file itself (its directory,
      // the temporary file of an atomic write).
      boolean elsewhere = fse.getFile() != null && !fse.getFile().equals(file.toString());
      why = elsewhere ? reason + " (" + fse.getFile() + ")" : reason;
    }
    return new IOException("cannot " + verb + " " + file + ": " + why, e);
  }

  private static String describe(JsonNode node) {
    return node.isMissingNode() ? "nothing (the file is empty)" : node.getNodeType().toString();
  }
}
