package org.trainkit.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfigYaml;

/**
 * What a resumed run changes in its configuration, and whether the run stays meaningful: a run
 * may go on for more iterations, evaluate and save at other frequencies, write other outputs and
 * show or hide its progress bar; anything else — the learning rate, the batch size, the device,
 * the loader threads — would make its numbers differ from a run that never stopped.
 */
final class ResumeChanges {

  /** Keys a resumed run may change without changing what it computes. */
  static final Set<String> SAFE = Set.of(
      "iterations", "evalFrequency", "saveFrequency", "progressBar",
      "saveTrainOutputs", "saveDevOutputs", "saveTestOutputs", "tensorboard");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One changed key, with both values as the configuration file writes them. */
  record Change(String key, String before, String after) {

    /** Whether the run stays meaningful with this change: a safe key (iterations only up). */
    boolean safe() {
      if (key.equals("iterations")) {
        return Integer.parseInt(after) > Integer.parseInt(before);
      }
      return SAFE.contains(key);
    }

    @Override
    public String toString() {
      String why = safe() ? "" : key.equals("iterations") ? " (fewer)" : " (changes the numbers)";
      return key + ": " + before + " -> " + after + why;
    }
  }

  private ResumeChanges() {}

  /** The keys whose values differ, in the configuration file's order; options as options.NAME. */
  static List<Change> between(TrainerConfig saved, TrainerConfig now) {
    Map<String, String> before = flat(saved);
    Map<String, String> after = flat(now);
    List<Change> changes = new ArrayList<>();
    for (String key : union(before, after)) {
      String b = before.getOrDefault(key, "(none)");
      String a = after.getOrDefault(key, "(none)");
      if (!Objects.equals(b, a)) {
        changes.add(new Change(key, b, a));
      }
    }
    return changes;
  }

  /**
   * Checks a resume's changes: returns them when every one is safe, or when {@code allowed};
   * else throws, listing them all.
   *
   * @throws UsageError naming each change and the option that accepts them
   */
  static List<Change> check(TrainerConfig saved, TrainerConfig now, boolean allowed) {
    List<Change> changes = between(saved, now);
    if (allowed || changes.stream().allMatch(Change::safe)) {
      return changes;
    }
    StringBuilder message = new StringBuilder("--resume: the configuration differs from the run's:");
    changes.forEach(c -> message.append("\n  ").append(c));
    message.append("\na resumed run may change only ").append(String.join(", ", SAFE.stream().sorted().toList()))
        .append(" (iterations only up); pass --allow-changes to resume anyway, or start a new run");
    throw new UsageError(message.toString());
  }

  private static List<String> union(Map<String, String> a, Map<String, String> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
    return keys;
  }

  /** Every key of the configuration with its value's text, as {@code config.yaml} holds them. */
  private static Map<String, String> flat(TrainerConfig config) {
    Map<String, String> values = new LinkedHashMap<>();
    try {
      flatten("", YAML.readTree(TrainerConfigYaml.toYaml(config)), values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read back the YAML trainkit wrote", e);
    }
    return values;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    if (!node.isObject()) {
      into.put(prefix, node.isValueNode() ? node.asText() : node.toString());
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
    }
  }
}
