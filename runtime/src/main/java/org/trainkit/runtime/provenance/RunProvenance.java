package org.trainkit.runtime.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.FileFingerprint;
import org.trainkit.runtime.io.AtomicFiles;
import org.trainkit.runtime.io.Json;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.loop.TorchThreads;

/**
 * A run's {@code provenance.json}: {@code {"entries": [...]}}, one entry written when the run
 * starts and one appended on each resume (the file is rewritten atomically).
 *
 * <pre>{@code
 * {"event": "start", "time": "2026-12-02T15:40:00Z", "command": "tagger train --train ...",
 *  "trainable": "org.example.TaggerTrainable",
 *  "versions": {"trainkit": "0.1.0", "djl": "0.36.0", "libtorch": "2.7.1", "java": "21.0.5"},
 *  "machine": {"os": "Linux 6.1 (amd64)", "cpu": "..., 16 cores", "gpu": "none"},
 *  "torchThreads": 8, "seed": 42, "device": "cpu",
 *  "data": {"train": {"path": "/abs/train.conll", "size": 1234, "modified": "...",
 *                     "sha256": "..."}, "dev": {...}}}
 * }</pre>
 */
public final class RunProvenance {

  /** Fields that differ between any two entries by their nature, left out of comparisons. */
  private static final List<String> ALWAYS_DIFFERENT = List.of("event", "time", "command");

  private RunProvenance() {}

  /**
   * Appends this process's entry to {@code run}'s {@code provenance.json}.
   *
   * @param resumed whether the run continues from a checkpoint ({@code "resume"}) or starts
   * @param command the command line, as the user would type it again
   * @param trainable the class trained
   * @param data the data files by role ({@code train}, {@code dev}, {@code test}): the
   *     fingerprints their datasets computed when they indexed or read them
   */
  public static void record(RunDirectory run, boolean resumed, String command, String trainable,
      TrainerConfig config, Map<String, FileFingerprint> data) throws IOException {
    ObjectNode entry = Json.MAPPER.createObjectNode();
    entry.put("event", resumed ? "resume" : "start");
    entry.put("time", Instant.now().toString());
    entry.put("command", command);
    entry.put("trainable", trainable);
    ObjectNode versions = entry.putObject("versions");
    versions.put("trainkit", Versions.trainkit());
    versions.put("djl", Versions.djl());
    versions.put("libtorch", Versions.libtorch());
    versions.put("java", Versions.java());
    ObjectNode machine = entry.putObject("machine");
    machine.put("os", Machine.os());
    machine.put("cpu", Machine.cpu());
    machine.put("gpu", Machine.gpu());
    entry.put("torchThreads", TorchThreads.current());
    entry.put("seed", config.seed());
    entry.put("device", config.device().toString());
    ObjectNode files = entry.putObject("data");
    for (Map.Entry<String, FileFingerprint> file : data.entrySet()) {
      FileFingerprint print = file.getValue();
      ObjectNode f = files.putObject(file.getKey());
      f.put("path", print.path().toAbsolutePath().normalize().toString());
      f.put("size", print.size());
      f.put("modified", Instant.ofEpochMilli(print.modifiedMillis()).toString());
      f.put("sha256", print.sha256());
    }
    List<JsonNode> entries = new ArrayList<>(read(run.root()));
    entries.add(entry);
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode array = root.putArray("entries");
    entries.forEach(array::add);
    AtomicFiles.write(run.provenance(), Json.pretty(root));
  }

  /** The entries of a run's {@code provenance.json}, oldest first; none when it has no file. */
  public static List<JsonNode> read(Path runDirectory) throws IOException {
    Path file = RunDirectory.at(runDirectory).provenance();
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    JsonNode entries = Json.readObject(file).path("entries");
    if (!entries.isArray()) {
      throw Json.problem(file, "\"entries\" must be an array");
    }
    List<JsonNode> list = new ArrayList<>();
    entries.forEach(list::add);
    return list;
  }

  /**
   * The latest entry of a run as dotted fields ({@code versions.java}, {@code data.train.sha256},
   * ...), without those that differ between any two entries (event, time, command line); empty
   * when the run has no provenance.
   */
  public static Map<String, String> latestFields(Path runDirectory) throws IOException {
    List<JsonNode> entries = read(runDirectory);
    Map<String, String> fields = new LinkedHashMap<>();
    if (!entries.isEmpty()) {
      flatten("", entries.get(entries.size() - 1), fields);
      ALWAYS_DIFFERENT.forEach(fields::remove);
    }
    return fields;
  }

  /**
   * Whether {@code file} is the file the run trained on (its latest entry): the same size and
   * SHA-256. A file of another size is told apart without reading it.
   */
  public static boolean isTrainingFile(Path runDirectory, Path file) throws IOException {
    Map<String, String> fields = latestFields(runDirectory);
    String size = fields.get("data.train.size");
    String hash = fields.get("data.train.sha256");
    return size != null && hash != null && size.equals(Long.toString(Files.size(file)))
        && hash.equals(FileFingerprint.of(file).sha256());
  }

  /**
   * The fields whose values are not the same in every run (a field a run lacks counts as
   * "-"), in first-seen order, each with its value per run.
   *
   * @param runs each run's fields (from {@link #latestFields}), by its label
   */
  public static Map<String, List<String>> differing(Map<String, Map<String, String>> runs) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    runs.values().forEach(fields -> fields.keySet().forEach(k -> all.put(k, new ArrayList<>())));
    Map<String, List<String>> differing = new LinkedHashMap<>();
    for (String field : all.keySet()) {
      List<String> values = new ArrayList<>();
      runs.values().forEach(fields -> values.add(fields.getOrDefault(field, "-")));
      if (values.stream().distinct().count() > 1) {
        differing.put(field, values);
      }
    }
    return differing;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
            field.getValue(), into);
      }
    } else {
      into.put(prefix, node.isTextual() ? node.asText() : node.toString());
    }
  }
}
