package org.trainkit.runtime.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trainkit.runtime.io.AtomicFiles;

/**
 * A sweep's plan, saved as {@code sweep.yaml} before anything runs: the entry point, the data
 * files, the grid (keys in the order given, each with its values), the seeds, the base
 * configuration every run starts from, and the runs this makes. Two sweeps are the same sweep
 * when their {@code sweep.yaml} texts are equal.
 *
 * <p>Runs are the grid's points (the first key varies slowest) × the seeds (innermost), each named
 * after its settings, e.g. {@code learningRate=0.01_batchSize=16_seed=1}.
 *
 * @param trainable the entry point's run name
 * @param data the data files by option ({@code train}, {@code dev}, {@code test}), absolute
 * @param grid the grid: each key (a loop key or {@code options.name}) with its values, as text
 * @param seeds the run seeds
 * @param baseYaml the base configuration, as {@code TrainerConfigYaml.toYaml} writes it
 */
public record SweepPlan(
    String trainable,
    Map<String, String> data,
    Map<String, List<String>> grid,
    List<Long> seeds,
    String baseYaml) {

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .build();

  public SweepPlan {
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    Map<String, List<String>> g = new LinkedHashMap<>();
    grid.forEach((k, v) -> g.put(k, List.copyOf(v)));
    grid = Collections.unmodifiableMap(g);
    seeds = List.copyOf(seeds);
  }

  /** The runs: every grid point × every seed, seeds innermost. */
  public List<PlannedRun> runs() {
    List<PlannedRun> runs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Map<String, String> point : points()) {
      String pointName = pointName(point);
      for (long seed : seeds) {
        String name = unique(names, pointName.equals(BASE) ? "seed=" + seed
            : pointName + "_seed=" + seed);
        runs.add(new PlannedRun(name, pointName, point, seed));
      }
    }
    return runs;
  }

  /** The name of the one point of a sweep without a grid. */
  public static final String BASE = "base";

  /** Every grid point, as its settings in grid order; one empty point without a grid. */
  public List<Map<String, String>> points() {
    List<Map<String, String>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> key : grid.entrySet()) {
      List<Map<String, String>> more = new ArrayList<>();
      for (Map<String, String> point : points) {
        for (String value : key.getValue()) {
          Map<String, String> p = new LinkedHashMap<>(point);
          p.put(key.getKey(), value);
          more.add(p);
        }
      }
      points = more;
    }
    return points;
  }

  /** A point's readable name: {@code key=value} joined by {@code _}, unsafe characters as {@code -}. */
  public static String pointName(Map<String, String> point) {
    if (point.isEmpty()) {
      return BASE;
    }
    List<String> parts = new ArrayList<>();
    point.forEach((k, v) -> parts.add(safe(k) + "=" + safe(v)));
    return String.join("_", parts);
  }

  private static String safe(String text) {
    String s = text.replaceAll("[^A-Za-z0-9.+-]", "-");
    return s.isEmpty() ? "-" : s;
  }

  private static String unique(Set<String> names, String name) {
    String unique = name;
    for (int n = 2; !names.add(unique); n++) {
      unique = name + "-" + n;
    }
    return unique;
  }

  /** This plan with {@code more} seeds after its own (those it has already are skipped). */
  public SweepPlan withSeeds(List<Long> more) {
    Set<Long> all = new LinkedHashSet<>(seeds);
    all.addAll(more);
    return new SweepPlan(trainable, data, grid, new ArrayList<>(all), baseYaml);
  }

  /** {@code sweep.yaml}'s text. */
  public String toYaml() {
    ObjectNode root = YAML.createObjectNode();
    root.put("trainable", trainable);
    ObjectNode files = root.putObject("data");
    data.forEach(files::put);
    ObjectNode g = root.putObject("grid");
    grid.forEach((k, values) -> {
      ArrayNode list = g.putArray(k);
      values.forEach(list::add);
    });
    ArrayNode s = root.putArray("seeds");
    seeds.forEach(s::add);
    try {
      root.set("base", YAML.readTree(baseYaml));
      ArrayNode runs = root.putArray("runs");
      for (PlannedRun run : runs()) {
        ObjectNode r = runs.addObject();
        r.put("name", run.name());
        r.put("point", run.point());
        r.put("seed", run.seed());
      }
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a sweep plan as YAML", e);
    }
  }

  /** Writes {@code sweep.yaml}, atomically. */
  public void save(Path file) throws IOException {
    AtomicFiles.write(file, toYaml().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a {@code sweep.yaml}.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static SweepPlan read(Path file) throws IOException {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": not a sweep plan: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException(file + ": not a sweep plan (not a mapping)");
    }
    Map<String, String> data = new LinkedHashMap<>();
    fields(root.path("data")).forEachRemaining(f -> data.put(f.getKey(), f.getValue().asText()));
    Map<String, List<String>> grid = new LinkedHashMap<>();
    fields(root.path("grid")).forEachRemaining(f -> {
      List<String> values = new ArrayList<>();
      f.getValue().forEach(v -> values.add(v.asText()));
      grid.put(f.getKey(), values);
    });
    List<Long> seeds = new ArrayList<>();
    for (JsonNode seed : root.path("seeds")) {
      try {
        seeds.add(Long.parseLong(seed.asText()));
      } catch (NumberFormatException e) {
        throw new IOException(file + ": seeds: '" + seed.asText() + "' is not a whole number");
      }
    }
    JsonNode base = root.path("base");
    if (!root.hasNonNull("trainable") || !base.isObject() || seeds.isEmpty()) {
      throw new IOException(file + ": not a sweep plan (trainable, base and seeds are required)");
    }
    return new SweepPlan(
        root.get("trainable").asText(), data, grid, seeds, YAML.writeValueAsString(base));
  }

  private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    return node.isObject() ? node.fields() : Collections.emptyIterator();
  }

  /** The base configuration's value of {@code key} as text, or null. */
  public String baseValue(String key) {
    try {
      JsonNode value = YAML.readTree(baseYaml).get(key);
      return value == null || value.isNull() ? null : value.asText();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the base configuration is YAML it wrote itself", e);
    }
  }
}
