package org.trainkit.runtime.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** The training loop's options, for the commands that train: {@link CommonOptions} and more. */
class TrainingOptions extends CommonOptions {

  @Option(names = "--iterations", paramLabel = "N",
      description = "Epochs, or steps with --training-type step.")
  Integer iterations;

  @Option(names = "--training-type", paramLabel = "TYPE", description = "epoch or step.")
  String trainingType;

  @Option(names = "--batch-size", paramLabel = "N", description = "Examples per training step.")
  Integer batchSize;

  @Option(names = "--learning-rate", paramLabel = "RATE", description = "The optimizer's step size.")
  Double learningRate;

  @Option(names = "--optimizer", paramLabel = "NAME", description = "adam, adamw or sgd.")
  String optimizer;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice.")
  Long seed;

  @Override
  void putOptions(Map<String, String> keys) {
    put(keys, "iterations", iterations);
    put(keys, "trainingType", trainingType);
    put(keys, "batchSize", batchSize);
    put(keys, "learningRate", learningRate);
    put(keys, "optimizer", optimizer);
    put(keys, "seed", seed);
    super.putOptions(keys);
  }
}
