package org.trainkit.runtime.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfigYaml;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Options every command that builds a trainer shares (train, evaluate): the configuration file,
 * {@code --set}, and where the work runs. The training loop's own options are in {@link
 * TrainingOptions}, so {@code evaluate --help} lists only what evaluate reads.
 */
class CommonOptions {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
  Path config;

  // "%n" keeps the example on a line of its own: help text must not wrap inside a number
  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override any config key (repeatable),%ne.g. --set learningRate=0.01")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--device", paramLabel = "DEVICE", description = "auto, cpu, gpu or gpu:N.")
  String device;

  @Option(names = "--workers", paramLabel = "N",
      description = "Loader threads (0: load on the training thread).")
  Integer workers;

  @Option(names = "--pretrained", paramLabel = "DIR",
      description = "A pretrained model directory: sets options.pretrained (for components with"
          + " that option, e.g. bert-tagger).")
  Path pretrained;

  /** The configuration: the file's (or defaults), then the options, then --set. */
  final TrainerConfig resolve(TrainerConfig base) {
    TrainerConfig c = base;
    if (config != null) {
      CliFiles.requireReadable(config, "--config");
      c = TrainerConfigYaml.load(config, base);
    }
    Map<String, String> all = new LinkedHashMap<>();
    putOptions(all);
    all.putAll(overrides);
    return all.isEmpty() ? c : TrainerConfigYaml.withOverrides(c, all);
  }

  /** Adds the config keys this command's options set, by key. */
  void putOptions(Map<String, String> keys) {
    put(keys, "device", device);
    put(keys, "loaderWorkers", workers);
    put(keys, "options.pretrained", pretrained);
  }

  static void put(Map<String, String> map, String key, Object value) {
    if (value != null) {
      map.put(key, value.toString());
    }
  }
}
