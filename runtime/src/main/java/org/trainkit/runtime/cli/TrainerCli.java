package org.trainkit.runtime.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.trainkit.runtime.CheckpointException;
import org.trainkit.runtime.InputError;
import org.trainkit.runtime.TrainingException;
import org.trainkit.runtime.config.ConfigException;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.DataFormatException;
import picocli.CommandLine;

/**
 * The command line every generated {@code FooTrainerMain} runs: {@code train} and {@code
 * evaluate}, with {@code --config}, {@code --train/--dev/--test}, {@code --out}, {@code
 * --resume}, overrides of any config key and {@code --help}. Exit code 0 on success, 1 when
 * training fails, 2 on a usage or input error — one clear message, checked before any training
 * starts, nothing overwritten — and 130 when Ctrl-C (SIGINT, or SIGTERM) stopped training: the
 * step in progress is finished, {@code checkpoints/last} written, and the message says how to
 * resume.
 */
public final class TrainerCli {

  /** Exit code of a run that failed while training. */
  public static final int TRAINING_FAILED = 1;
  /** Exit code of a usage or input error. */
  public static final int USAGE = 2;
  /** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
  public static final int INTERRUPTED = 130;

  private TrainerCli() {}

  /**
   * Runs the command line for one component.
   *
   * @param name the component's run name (from {@code @Trainable(name = ...)}), shown in help
   * @param sessions builds a session (trainer + reader) for the resolved configuration
   * @param args the command-line arguments
   * @return the process exit code
   */
  public static <R> int run(
      String name, Function<TrainerConfig, ? extends TrainerSession<R>> sessions, String... args) {
    return run(name, TrainerConfig.builder().build(), sessions, args);
  }

  /**
   * Runs the command line for a component with its own defaults and options.
   *
   * @param defaults what a new run starts from before {@code --config} and the options: the
   *     component's defaults for the loop's keys, and its options ({@link
   *     TrainerConfig#options()}) at their default values; a resumed or evaluated run reads its
   *     {@code config.yaml} over them
   */
  public static <R> int run(
      String name,
      TrainerConfig defaults,
      Function<TrainerConfig, ? extends TrainerSession<R>> sessions,
      String... args) {
    CommandLine cli = new CommandLine(new RootCommand());
    cli.setCommandName(name);
    TrainCommand<R> train = new TrainCommand<>(defaults, sessions, name, args);
    cli.addSubcommand("train", train);
    cli.addSubcommand("evaluate", new EvaluateCommand<>(defaults, sessions));
    cli.addSubcommand("predict", new PredictCommand<>(defaults, sessions));
    cli.addSubcommand("compare", new CompareCommand());
    cli.addSubcommand("report", new ReportCommand());
    cli.addSubcommand("sweep", new SweepCommand(defaults, name));
    cli.addSubcommand("aggregate", new AggregateCommand());
    VersionOption versions = new VersionOption(name);
    cli.getCommandSpec().versionProvider(versions);
    cli.getSubcommands().values().forEach(c -> c.getCommandSpec().versionProvider(versions));
    ParentWatch.startIfAsked(); // in a sweep's child JVM: exit when the sweep is gone
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (isInputError(e)) {
        err.println("error: " + e.getMessage());
        return USAGE;
      }
      if (e instanceof TrainingException || e instanceof UncheckedIOException) {
        err.println("training failed: " + e.getMessage());
        return TRAINING_FAILED;
      }
      err.println("training failed: " + e);
      e.printStackTrace(err);
      return TRAINING_FAILED;
    });
    cli.setParameterExceptionHandler((e, a) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("error: " + e.getMessage());
      err.println("(see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return USAGE;
    });
    try {
      return cli.execute(args);
    } finally {
      // only now, with every message printed, may a JVM stopped by a signal exit
      train.signals.release();
    }
  }

  /** Whether {@code e} is about something the user gave: printed alone, exit code 2. */
  static boolean isInputError(Throwable e) {
    return e instanceof UsageError
        || e instanceof ConfigException
        || e instanceof DataFormatException
        || e instanceof CheckpointException
        || e instanceof InputError;
  }
}
