package org.trainkit.runtime.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfigYaml;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options shared by train and evaluate. */
class CommonOptions {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override any config key, e.g. --set learningRate=0.01 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--iterations", description = "Epochs, or steps with --training-type step.")
  Integer iterations;

  @Option(names = "--training-type", description = "epoch or step.")
  String trainingType;

  @Option(names = "--batch-size") Integer batchSize;

  @Option(names = "--learning-rate") Double learningRate;

  @Option(names = "--optimizer", description = "adam, adamw or sgd.") String optimizer;

  @Option(names = "--seed") Long seed;

  @Option(names = "--device", description = "auto, cpu, gpu or gpu:N.") String device;

  @Option(names = "--workers", description = "Loader threads (0: load on the training thread).")
  Integer workers;

  @Option(names = "--pretrained", paramLabel = "DIR",
      description = "A pretrained model directory: sets options.pretrained (for components with"
          + " that option, e.g. bert-tagger).")
  Path pretrained;

  /** The configuration: the file's (or defaults), then the options, then --set. */
  TrainerConfig resolve(TrainerConfig base) {
    TrainerConfig c = base;
    if (config != null) {
      CliFiles.requireReadable(config, "--config");
      c = TrainerConfigYaml.load(config, base);
    }
    Map<String, String> all = new LinkedHashMap<>();
    put(all, "iterations", iterations);
    put(all, "trainingType", trainingType);
    put(all, "batchSize", batchSize);
    put(all, "learningRate", learningRate);
    put(all, "optimizer", optimizer);
    put(all, "seed", seed);
    put(all, "device", device);
    put(all, "loaderWorkers", workers);
    put(all, "options.pretrained", pretrained);
    all.putAll(overrides);
    return all.isEmpty() ? c : TrainerConfigYaml.withOverrides(c, all);
  }

  private static void put(Map<String, String> map, String key, Object value) {
    if (value != null) {
      map.put(key, value.toString());
    }
  }
}
