package org.trainkit.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Stream;
import org.trainkit.runtime.CheckpointException;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.TrainingException;
import org.trainkit.runtime.TrainingInterruptedException;
import org.trainkit.runtime.checkpoint.CheckpointStore;
import org.trainkit.runtime.checkpoint.TrainedRun;
import org.trainkit.runtime.config.ConfigException;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfigYaml;
import org.trainkit.runtime.data.DataFormatException;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.report.CompareRuns;
import org.trainkit.runtime.report.RunReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
    CommandLine cli = new CommandLine(new Root());
    cli.setCommandName(name);
    Train<R> train = new Train<>(defaults, sessions, name, args);
    cli.addSubcommand("train", train);
    cli.addSubcommand("evaluate", new Evaluate<>(defaults, sessions));
    cli.addSubcommand("compare", new Compare());
    cli.addSubcommand("report", new Report());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (e instanceof UsageError
          || e instanceof ConfigException
          || e instanceof DataFormatException
          || e instanceof CheckpointException) {
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

  /** A usage or input problem found before training: exit code 2. */
  static final class UsageError extends RuntimeException {
    UsageError(String message) {
      super(message);
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      description = "Train or evaluate the component.",
      subcommandsRepeatable = false)
  static final class Root implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().usage(spec.commandLine().getErr());
      return USAGE;
    }
  }

  /** Options shared by train and evaluate. */
  static class Common {
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

    /** The configuration: the file's (or defaults), then the options, then --set. */
    TrainerConfig resolve(TrainerConfig base) {
      TrainerConfig c = base;
      if (config != null) {
        requireReadable(config, "--config");
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
      all.putAll(overrides);
      return all.isEmpty() ? c : TrainerConfigYaml.withOverrides(c, all);
    }

    private static void put(Map<String, String> map, String key, Object value) {
      if (value != null) {
        map.put(key, value.toString());
      }
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Train on --train, evaluating on --dev; the best checkpoint is tested on --test.")
  static final class Train<R> extends Common implements Callable<Integer> {
    private final TrainerConfig defaults;
    private final Function<TrainerConfig, ? extends TrainerSession<R>> sessions;
    private final String name;
    private final String[] args;
    final StopOnSignal signals = new StopOnSignal();

    Train(
        TrainerConfig defaults,
        Function<TrainerConfig, ? extends TrainerSession<R>> sessions,
        String name,
        String[] args) {
      this.defaults = defaults;
      this.sessions = sessions;
      this.name = name;
      this.args = args.clone();
    }

    @Option(names = "--train", required = true, paramLabel = "FILE") Path train;
    @Option(names = "--dev", paramLabel = "FILE") Path dev;
    @Option(names = "--test", paramLabel = "FILE") Path test;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directory.")
    Path out;
    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;
    @Option(names = "--overwrite", description = "Replace the run already in --out.")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
      RunDirectory runDirectory = RunDirectory.at(out);
      boolean hasRun = runDirectory.holdsRun();
      if (resume && overwrite) {
        throw new UsageError("--resume and --overwrite exclude each other");
      }
      if (resume && !Files.isDirectory(runDirectory.checkpoints())) {
        throw new UsageError("--resume: " + out + " holds no checkpoints to resume from");
      }
      if (resume) {
        try {
          new CheckpointStore(out).resumable();
        } catch (IOException e) {
          throw new UsageError("--resume: " + e.getMessage());
        }
      }
      if (hasRun && !resume && !overwrite) {
        throw new UsageError(out + " already holds a run; pass --resume to continue it or "
            + "--overwrite to replace it");
      }
      TrainerConfig base = defaults;
      if (resume && config == null && Files.isRegularFile(runDirectory.config())) {
        // a resumed run keeps its own configuration unless told otherwise
        base = TrainerConfigYaml.load(runDirectory.config(), defaults);
      }
      TrainerConfig config = resolve(base);
      requireReadable(train, "--train");
      if (dev != null) requireReadable(dev, "--dev");
      if (test != null) requireReadable(test, "--test");
      requireWritableDirectory(out);
      try (TrainerSession<R> session = sessions.apply(config)) {
        DatasetReader<R> reader = session.reader();
        List<R> trainItems = readAll(reader, train, "--train");
        List<R> devItems = dev == null ? List.of() : readAll(reader, dev, "--dev");
        List<R> testItems = test == null ? List.of() : readAll(reader, test, "--test");
        if (overwrite && hasRun) {
          deleteRun(out);
        }
        createDirectory(out);
        History history;
        try (StopOnSignal stop = signals.watch(session.trainer())) {
          try {
            history = session.trainer().train(trainItems, devItems, testItems, out, resume);
          } catch (TrainingInterruptedException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("interrupted: " + e.getMessage() + ".");
            if (e.checkpoint().isPresent()) {
              err.println("to continue exactly from there, run: " + resumeCommand());
            } else {
              err.println("to start again, run: " + restartCommand());
            }
            err.flush();
            return INTERRUPTED;
          }
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("run directory: " + out.toAbsolutePath());
        if (history.bestIteration().isPresent()) {
          o.printf(Locale.ROOT, "best iteration %d: %s %.4f%n",
              history.bestIteration().getAsInt(), history.monitor(), history.bestValue());
        }
        o.flush();
      }
      return 0;
    }

    /** This command again, with {@code --resume} instead of {@code --overwrite}. */
    private String resumeCommand() {
      StringBuilder command = new StringBuilder(name);
      for (String arg : args) {
        if (!arg.equals("--overwrite")) {
          command.append(' ').append(quoted(arg));
        }
      }
      if (!resume) {
        command.append(" --resume");
      }
      return command.toString();
    }

    /** This command again, with {@code --overwrite} instead of {@code --resume}. */
    private String restartCommand() {
      StringBuilder command = new StringBuilder(name);
      for (String arg : args) {
        if (!arg.equals("--resume")) {
          command.append(' ').append(quoted(arg));
        }
      }
      if (!overwrite) {
        command.append(" --overwrite");
      }
      return command.toString();
    }

    private static String quoted(String arg) {
      return arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
  }

  /**
   * While training runs, turns Ctrl-C (SIGINT), SIGTERM and SIGHUP into {@link
   * Trainer#requestStop()}: a JVM shutdown hook asks the loop to stop after the step in
   * progress, then waits until the command has written {@code checkpoints/last} and printed how
   * to resume, and only then lets the JVM exit. (A second Ctrl-C is ignored by the JVM while it
   * waits; kill -9 stays safe, since checkpoints are written atomically.)
   */
  private static final class StopOnSignal implements AutoCloseable {
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread hook;

    /** Installs the hook for {@code trainer}; {@link #close} removes it when training ends. */
    StopOnSignal watch(Trainer<?, ?, ?> trainer) {
      hook = new Thread(() -> {
        trainer.requestStop();
        try {
          done.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "trainkit-stop-on-signal");
      Runtime.getRuntime().addShutdownHook(hook);
      return this;
    }

    @Override
    public void close() {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs, and waits for release()
      }
    }

    /** Lets a hook that is waiting return, and so the JVM exit: the command has said all. */
    void release() {
      done.countDown();
    }
  }

  @Command(name = "evaluate", mixinStandardHelpOptions = true,
      description = "Evaluate a run's best checkpoint (or last, when it has no best) on --data.")
  static final class Evaluate<R> extends Common implements Callable<Integer> {
    private final TrainerConfig defaults;
    private final Function<TrainerConfig, ? extends TrainerSession<R>> sessions;

    Evaluate(TrainerConfig defaults, Function<TrainerConfig, ? extends TrainerSession<R>> sessions) {
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
      requireReadable(data, "--data");
      Path configFile = RunDirectory.at(run).config();
      TrainerConfig base = Files.isRegularFile(configFile)
          ? TrainerConfigYaml.load(configFile, defaults)
          : defaults;
      TrainerConfig config = resolve(base);
      try (TrainerSession<R> session = sessions.apply(config)) {
        List<R> items = readAll(session.reader(), data, "--data");
        try {
          session.trainer().loadParameters(checkpoint);
        } catch (TrainingException e) {
          throw new UsageError(e.getMessage());
        }
        Map<String, Double> metrics = session.trainer().evaluate(items);
        PrintWriter o = spec.commandLine().getOut();
        metrics.forEach((k, v) -> o.printf(Locale.ROOT, "%s\t%.4f%n", k, v));
        o.flush();
      }
      return 0;
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Print the best metrics of runs side by side; --html writes their curves overlaid.")
  static final class Compare implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(arity = "1..*", paramLabel = "RUN_DIR") List<Path> runs;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write an HTML page.")
    Path html;

    @Override
    public Integer call() {
      List<String> args = new ArrayList<>();
      runs.forEach(r -> args.add(r.toString()));
      if (html != null) {
        args.add("--html");
        args.add(html.toString());
      }
      return CompareRuns.run(System.out, System.err, args.toArray(new String[0]));
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Rebuild a run's curves and report.html from its files (also while it runs).")
  static final class Report implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "RUN_DIR") Path run;

    @Override
    public Integer call() throws IOException {
      RunDirectory runDirectory = RunDirectory.at(run);
      if (!Files.isRegularFile(runDirectory.history())
          && !Files.isRegularFile(runDirectory.metricsJsonl())) {
        throw new UsageError(run + " is not a run directory (no " + RunDirectory.HISTORY + " or "
            + RunDirectory.METRICS_JSONL + ")");
      }
      System.out.println(RunReport.write(run));
      return 0;
    }
  }

  static <R> List<R> readAll(DatasetReader<R> reader, Path file, String option) {
    try (Stream<R> items = reader.read(file)) {
      List<R> list = new ArrayList<>();
      items.forEach(list::add);
      if (list.isEmpty()) {
        throw new UsageError(option + ": " + file + " holds no items");
      }
      return list;
    } catch (IOException | UncheckedIOException e) {
      throw new UsageError(option + ": cannot read " + file + ": " + e.getMessage());
    }
  }

  static void requireReadable(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      throw new UsageError(option + ": " + file + " does not exist or is not a file");
    }
    if (!Files.isReadable(file)) {
      throw new UsageError(option + ": " + file + " is not readable");
    }
  }

  /**
   * Checks, without creating anything, that {@code dir} is a directory or can be created as one,
   * and that files can be written there: by creating and deleting a probe file in it or in its
   * nearest existing ancestor (permission bits alone say nothing to root, nor about a read-only
   * file system).
   */
  static void requireWritableDirectory(Path dir) {
    Path existing = dir.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new UsageError("--out: cannot create " + dir + ": no existing parent directory");
    }
    if (!Files.isDirectory(existing)) {
      throw new UsageError("--out: cannot create " + dir + ": " + existing + " is a file, not a directory");
    }
    try {
      Path probe = Files.createTempFile(existing, ".trainkit-write-test-", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new UsageError("--out: " + (existing.equals(dir.toAbsolutePath().normalize())
          ? dir + " is not writable" : "cannot create " + dir + ": " + existing + " is not writable")
          + " (" + e.getMessage() + ")");
    }
  }

  static void createDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UsageError("--out: cannot create " + dir + ": " + e.getMessage());
    }
  }

  private static void deleteRun(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }
}
