package org.trainkit.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.trainkit.runtime.History;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.io.ShellWords;
import org.trainkit.runtime.TrainingInterruptedException;
import org.trainkit.runtime.checkpoint.CheckpointStore;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfigYaml;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.data.ParseCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train on --train, evaluating on --dev; the best checkpoint is tested on --test.")
final class TrainCommand<R> extends TrainingOptions implements Callable<Integer> {
  private final TrainerConfig defaults;
  private final Function<TrainerConfig, ? extends TrainerSession<R>> sessions;
  private final String name;
  private final String[] args;
  final StopOnSignal signals = new StopOnSignal();

  TrainCommand(
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
  @Option(names = "--allow-changes",
      description = "With --resume: accept any change to the run's configuration.")
  boolean allowChanges;

  @Override
  public Integer call() throws IOException {
    try (RunLock lock = RunLock.acquire(out)) {
      return train();
    }
  }

  private Integer train() throws IOException {
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
    if (allowChanges && !resume) {
      throw new UsageError("--allow-changes goes with --resume");
    }
    TrainerConfig saved = resume && Files.isRegularFile(runDirectory.config())
        ? TrainerConfigYaml.load(runDirectory.config(), defaults)
        : null;
    // a resumed run keeps its own configuration unless told otherwise
    TrainerConfig config = resolve(saved != null && this.config == null ? saved : defaults);
    if (saved != null) {
      List<ResumeChanges.Change> changes = ResumeChanges.check(saved, config, allowChanges);
      if (!changes.isEmpty()) {
        PrintWriter err = spec.commandLine().getErr();
        changes.forEach(c -> err.println("resuming with a changed configuration: " + c));
        err.flush();
      }
    }
    CliFiles.requireReadable(train, "--train");
    if (dev != null) CliFiles.requireReadable(dev, "--dev");
    if (test != null) CliFiles.requireReadable(test, "--test");
    CliFiles.requireWritableDirectory(out);
    try (TrainerSession<R> session = sessions.apply(config)) {
      // building the trainer checks the metric names, the monitor and what the options name
      // (a pretrained model directory, say): fail before any file is written
      session.trainer();
      DatasetReader<R> reader = session.reader();
      try (Dataset<R> trainItems = CliFiles.open(reader, train, "--train");
          Dataset<R> devItems = dev == null ? Dataset.empty() : CliFiles.open(reader, dev, "--dev");
          Dataset<R> testItems = test == null ? Dataset.empty() : CliFiles.open(reader, test, "--test")) {
        return train(session, config, trainItems, devItems, testItems, hasRun);
      }
    }
  }

  private Integer train(TrainerSession<R> session, TrainerConfig config, Dataset<R> trainItems,
      Dataset<R> devItems, Dataset<R> testItems, boolean hasRun) throws IOException {
    RunDirectory runDirectory = RunDirectory.at(out);
    if (overwrite && hasRun) {
      // the datasets are open and every item parses: only now is a run that is replaced deleted
      ParseCheck.all(trainItems, devItems, testItems);
      CliFiles.deleteRun(out);
    } else if (!resume) {
      // what fit does not read, before anything is written or the engine loads; the training
      // items are parsed by fit and the check after it (a resumed run checked them all at its start)
      ParseCheck.all(devItems, testItems);
    }
    CliFiles.createDirectory(out);
    Map<String, Dataset<?>> datasets = new LinkedHashMap<>();
    datasets.put("train", trainItems);
    if (dev != null) datasets.put("dev", devItems);
    if (test != null) datasets.put("test", testItems);
    TrainProvenance.record(runDirectory, resume, name, args, session, config, datasets);
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
        return TrainerCli.INTERRUPTED;
      } catch (RuntimeException e) {
        // bad input that only fitting finds (an untagged training sentence, a missing pretrained
        // model): a new run that wrote no checkpoint leaves nothing behind
        if (!resume && TrainerCli.isInputError(e) && !Files.exists(runDirectory.checkpoints())) {
          CliFiles.deleteRun(out);
        }
        throw e;
      }
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println("run directory: " + out.toAbsolutePath());
    if (history.bestIteration().isPresent()) {
      o.printf(Locale.ROOT, "best iteration %d: %s %.4f%n",
          history.bestIteration().getAsInt(), history.monitor(), history.bestValue());
    }
    o.flush();
    return 0;
  }

  /** This command again, with {@code --resume} instead of {@code --overwrite}. */
  private String resumeCommand() {
    StringBuilder command = launchCommand();
    for (String arg : args) {
      if (!arg.equals("--overwrite")) {
        command.append(' ').append(ShellWords.quote(arg));
      }
    }
    if (!resume) {
      command.append(" --resume");
    }
    return command.toString();
  }

  /** This command again, with {@code --overwrite} instead of {@code --resume}. */
  private String restartCommand() {
    StringBuilder command = launchCommand();
    for (String arg : args) {
      if (!arg.equals("--resume")) {
        command.append(' ').append(ShellWords.quote(arg));
      }
    }
    if (!overwrite) {
      command.append(" --overwrite");
    }
    return command.toString();
  }

  /** How this program was started (the java command), ready for this command's arguments. */
  private StringBuilder launchCommand() {
    StringBuilder command = new StringBuilder();
    for (String word : LaunchCommand.prefix(args)) {
      command.append(command.length() == 0 ? "" : " ").append(ShellWords.quote(word));
    }
    return command;
  }

}
