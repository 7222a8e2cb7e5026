package org.trainkit.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.TrainingException;
import org.trainkit.runtime.checkpoint.TrainedRun;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfigYaml;
import org.trainkit.runtime.data.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate a run's best checkpoint (or last, when it has no best) on --data.")
final class EvaluateCommand<R> extends CommonOptions implements Callable<Integer> {
  private final TrainerConfig defaults;
  private final Function<TrainerConfig, ? extends TrainerSession<R>> sessions;

  EvaluateCommand(TrainerConfig defaults, Function<TrainerConfig, ? extends TrainerSession<R>> sessions) {
    this.defaults = defaults;
    this.sessions = sessions;
  }

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run directory.")
  Path run;
  @Option(names = {"--data", "--test"}, required = true, paramLabel = "FILE") Path data;

  @Override
  public Integer call() throws IOException {
    Path checkpoint;
    try {
      checkpoint = TrainedRun.checkpoint(run);
    } catch (IOException e) {
      throw new UsageError(e.getMessage());
    }
    CliFiles.requireReadable(data, "--data");
    TrainingDataWarning.check(run, data, "--data", "these metrics", spec.commandLine().getErr());
    Path configFile = RunDirectory.at(run).config();
    TrainerConfig base = Files.isRegularFile(configFile)
        ? TrainerConfigYaml.load(configFile, defaults)
        : defaults;
    TrainerConfig config = resolve(base);
    try (TrainerSession<R> session = sessions.apply(config)) {
      Map<String, Double> metrics;
      try (Dataset<R> items = CliFiles.open(session.reader(), data, "--data")) {
        try {
          session.trainer().loadParameters(checkpoint);
        } catch (TrainingException e) {
          throw new UsageError(e.getMessage());
        }
        metrics = session.trainer().evaluate(items);
      }
      PrintWriter o = spec.commandLine().getOut();
      metrics.forEach((k, v) -> o.printf(Locale.ROOT, "%s\t%.4f%n", k, v));
      o.flush();
    }
    return 0;
  }
}
