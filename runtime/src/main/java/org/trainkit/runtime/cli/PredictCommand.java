package org.trainkit.runtime.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import org.trainkit.runtime.PredictionWriter;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.checkpoint.TrainedRun;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfigYaml;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.InferenceOptions;
import org.trainkit.runtime.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Predict with a run's best checkpoint (or last, when it has no best), or with a"
        + " pretrained model as it is: read --data, write each item with its prediction to --out,"
        + " in input order.")
final class PredictCommand<R> implements Callable<Integer> {
  private final TrainerConfig defaults;
  private final Function<TrainerConfig, ? extends TrainerSession<R>> sessions;

  PredictCommand(TrainerConfig defaults, Function<TrainerConfig, ? extends TrainerSession<R>> sessions) {
    this.defaults = defaults;
    this.sessions = sessions;
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", paramLabel = "DIR", description = "Run directory.")
  Path run;
  @Option(names = "--pretrained", paramLabel = "DIR",
      description = "Instead of --run: a pretrained model directory used as it is, untrained"
          + " (for components that can, e.g. a fine-tuned transformer with its labels).")
  Path pretrained;
  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "With --pretrained: a config key for the untrained component (repeatable),"
          + "%ne.g. --set options.maxLength=64")
  Map<String, String> settings = new LinkedHashMap<>();
  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Items to predict.")
  Path data;
  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file.")
  Path out;
  @Option(names = "--format", paramLabel = "NAME",
      description = "Input format (default: the component's own data format).")
  String format;
  @Option(names = "--batch-size", paramLabel = "N",
      description = "Items per batch (default: the run's inferenceBatchSize).")
  Integer batchSize;
  @Option(names = "--workers", paramLabel = "N",
      description = "Loader threads (default: the run's loaderWorkers).")
  Integer workers;
  @Option(names = "--forward-threads", paramLabel = "N",
      description = "Batches run through the model side by side, each on its own thread with its"
          + " share of the intra-op threads (default 0: 2 on a CPU with 2 or more intra-op threads,"
          + " else 1).")
  int forwardThreads;
  @Option(names = "--device", description = "auto, cpu, gpu or gpu:N (default: the run's).")
  String device;
  @Option(names = "--overwrite", description = "Replace --out when it exists.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    if (forwardThreads < 0 || forwardThreads > InferenceOptions.MAX_FORWARD_THREADS) {
      throw new UsageError("--forward-threads must be in [0, " + InferenceOptions.MAX_FORWARD_THREADS
          + "] (0: auto): " + forwardThreads);
    }
    if (batchSize != null && batchSize < 1) {
      throw new UsageError("--batch-size must be at least 1: " + batchSize);
    }
    if (workers != null && workers < 0) {
      throw new UsageError("--workers must be at least 0: " + workers);
    }
    if ((run == null) == (pretrained == null)) {
      throw new UsageError(run == null
          ? "give the model to predict with: --run RUN (a trained run) or --pretrained DIR"
          : "give --run or --pretrained, not both");
    }
    if (pretrained != null && !defaults.options().names().contains("pretrained")) {
      throw new UsageError("--pretrained: this component uses no pretrained model, so it cannot"
          + " predict without training; train it, then predict with --run RUN");
    }
    if (run != null && !settings.isEmpty()) {
      throw new UsageError("--set is for --pretrained: a run predicts with the configuration it"
          + " was trained with");
    }
    if (run != null) {
      try {
        TrainedRun.checkpoint(run);
      } catch (IOException e) {
        throw new UsageError("--run: " + e.getMessage());
      }
    } else if (!Files.isDirectory(pretrained)) {
      throw new UsageError("--pretrained: " + pretrained + " is not a directory");
    }
    CliFiles.requireReadable(data, "--data");
    if (run != null) {
      TrainingDataWarning.check(run, data, "--data", "these predictions", spec.commandLine().getErr());
    }
    Path target = out.toAbsolutePath().normalize();
    if (Files.exists(target) && !overwrite) {
      throw new UsageError("--out: " + out + " exists; add --overwrite to replace it");
    }
    if (Files.isDirectory(target)) {
      throw new UsageError("--out: " + out + " is a directory, not a file");
    }
    TrainerConfig config = config();
    try (TrainerSession<R> session = sessions.apply(config)) {
      return predict(session, session.trainer().component(), config);
    }
  }

  /** The run's configuration, or the component's defaults for a pretrained model; with the flags. */
  private TrainerConfig config() {
    Path configFile = run == null ? null : RunDirectory.at(run).config();
    TrainerConfig base = configFile != null && Files.isRegularFile(configFile)
        ? TrainerConfigYaml.load(configFile, defaults)
        : defaults;
    Map<String, String> overrides = new LinkedHashMap<>();
    if (pretrained != null) {
      overrides.put("options.pretrained", pretrained.toString());
      overrides.putAll(settings);
    }
    if (batchSize != null) {
      overrides.put("inferenceBatchSize", batchSize.toString());
    }
    if (workers != null) {
      overrides.put("loaderWorkers", workers.toString());
    }
    if (device != null) {
      overrides.put("device", device);
    }
    return overrides.isEmpty() ? base : TrainerConfigYaml.withOverrides(base, overrides);
  }

  private <B> int predict(TrainerSession<R> session, TrainableComponent<R, ?, B> component,
      TrainerConfig config) throws IOException {
    PredictionWriter<R, B> writer = component.predictionWriter();
    String chosen = format == null ? writer.formats().get(0) : format;
    if (!writer.formats().contains(chosen)) {
      throw new UsageError("--format: " + chosen + " is not one of " + String.join(", ", writer.formats()));
    }
    InferenceOptions options = new InferenceOptions(config.inferenceBatchSize(),
        Math.multiplyExact(config.inferenceBatchSize(), WINDOW_BATCHES), config.loaderWorkers(),
        forwardThreads);
    Path target = out.toAbsolutePath().normalize();
    Path temporary = temporaryFile(target);
    boolean done = false;
    try (TrainedModel<R, B> model = restore(component, config);
        Stream<R> items = read(session, writer, chosen);
        Writer text = new BufferedWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8), 1 << 16)) {
      Iterator<R> iterator = items.iterator();
      if (!iterator.hasNext()) {
        throw new UsageError("--data: " + data + " holds no items");
      }
      text.write(writer.header(chosen));
      long[] count = new long[1];
      model.predict(iterator, options, writer::length,
          (batchItems, batch, output) -> writer.render(chosen, batchItems, batch, output),
          rendered -> {
            try {
              text.write(rendered);
              count[0]++;
            } catch (IOException e) {
              throw new OutputFailure(e);
            }
          });
      text.close();
      moveInPlace(temporary, target);
      done = true;
      spec.commandLine().getOut().printf("wrote %d predictions to %s%n", count[0], out);
      spec.commandLine().getOut().flush();
      return 0;
    } catch (UnsupportedOperationException e) {
      throw new UsageError(e.getMessage()); // the component cannot write predictions
    } catch (OutputFailure e) {
      throw new UsageError("--out: cannot write " + out + ": " + e.getCause().getMessage());
    } catch (UncheckedIOException e) {
      throw new UsageError("--data: cannot read " + data + ": " + e.getCause().getMessage());
    } finally {
      if (!done) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  /** Batches read ahead and sorted by length at a time. */
  private static final int WINDOW_BATCHES = 32;

  private <B> TrainedModel<R, B> restore(TrainableComponent<R, ?, B> component, TrainerConfig config) {
    if (pretrained != null) {
      try {
        return TrainedRun.pretrained(component, config.device().toDjl());
      } catch (UnsupportedOperationException e) {
        throw new UsageError("--pretrained: " + e.getMessage());
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new UsageError("--pretrained: " + e.getMessage());
      }
    }
    try {
      return TrainedRun.restore(component, run, config.device().toDjl());
    } catch (IOException e) {
      throw new UsageError("--run: " + e.getMessage());
    }
  }

  /**
   * The items of --data in {@code format}, streamed. The one place predict reads its input: the
   * component's own format through the session's reader, others through the writer's.
   */
  private Stream<R> read(TrainerSession<R> session, PredictionWriter<R, ?> writer, String format) {
    try {
      return writer.formats().get(0).equals(format)
          ? session.reader().read(data)
          : writer.read(format, data);
    } catch (IOException e) {
      throw new UsageError("--data: cannot read " + data + ": " + e.getMessage());
    }
  }

  /** A new file next to {@code target}, so that the final rename stays on one file system. */
  private Path temporaryFile(Path target) {
    Path directory = target.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new UsageError("--out: the directory of " + out + " does not exist");
    }
    try {
      return Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
    } catch (IOException e) {
      throw new UsageError("--out: cannot write in " + directory + ": " + e.getMessage());
    }
  }

  private static void moveInPlace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A write to the output failed (as opposed to a read of the input). */
  private static final class OutputFailure extends RuntimeException {
    OutputFailure(IOException cause) {
      super(cause);
    }
  }
}
