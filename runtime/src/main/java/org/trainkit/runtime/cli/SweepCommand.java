package org.trainkit.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.trainkit.runtime.config.ConfigException;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfigYaml;
import org.trainkit.runtime.io.AtomicFiles;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.sweep.ChildCommand;
import org.trainkit.runtime.sweep.ChildCommand.Start;
import org.trainkit.runtime.sweep.PlannedRun;
import org.trainkit.runtime.sweep.RunState;
import org.trainkit.runtime.sweep.SweepFiles;
import org.trainkit.runtime.sweep.SweepLayout;
import org.trainkit.runtime.sweep.SweepPlan;
import org.trainkit.runtime.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {
        "Train every point of a grid with every seed, each as a run directory under --out/runs,"
            + " in separate JVMs (--parallel at once); then write sweep.csv, sweep.md and"
            + " sweep.html: mean \u00b1 sd over seeds per grid point.",
        "The plan is saved first (sweep.yaml). Running the same command again, or --resume,"
            + " skips finished runs, resumes interrupted ones from their last checkpoint and"
            + " starts the rest."})
final class SweepCommand extends TrainingOptions implements Callable<Integer> {
  private final TrainerConfig defaults;
  private final String name;
  private final String mainClass;

  SweepCommand(TrainerConfig defaults, String name) {
    this.defaults = defaults;
    this.name = name;
    this.mainClass = callerClass();
  }

  @Option(names = "--train", paramLabel = "FILE") Path train;
  @Option(names = "--dev", paramLabel = "FILE") Path dev;
  @Option(names = "--test", paramLabel = "FILE") Path test;
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Sweep directory.")
  Path out;
  @Option(names = "--grid", paramLabel = "KEY=V1,V2,...",
      description = "A config key (or options.NAME) and its values; repeatable: the grid is "
          + "every combination.")
  List<String> grid = new ArrayList<>();
  @Option(names = "--seeds", split = ",", paramLabel = "S1,S2,...",
      description = "Run seeds (default: the configuration's seed).")
  List<Long> seeds;
  @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
      description = "Runs at once, each in its own JVM with torchThreads = cores / N.")
  int parallel;
  @Option(names = "--jvm-option", paramLabel = "OPTION",
      description = "An option for each run's JVM, after this JVM's own (repeatable), e.g. "
          + "--jvm-option=-Xmx4g.")
  List<String> jvmOptions = new ArrayList<>();
  @Option(names = "--resume", description = "Continue the sweep in --out (may add seeds).")
  boolean resume;
  @Option(names = "--overwrite", description = "Replace the sweep in --out.")
  boolean overwrite;
  @Option(names = "--retry-failed", description = "Run failed runs again.")
  boolean retryFailed;
  @Option(names = "--print-commands",
      description = "Save the plan and print one command per unfinished run (for a job array); "
          + "run nothing. 'aggregate' reads the results.")
  boolean printCommands;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (resume && overwrite) {
      throw new UsageError("--resume and --overwrite exclude each other");
    }
    if (parallel < 1) {
      throw new UsageError("--parallel: " + parallel + " is not allowed; must be >= 1");
    }
    SweepLayout layout = SweepLayout.at(out);
    SweepPlan existing = layout.holdsSweep() ? readPlan(layout) : null;
    if (existing == null && !emptyOrMissing(out)) {
      throw new UsageError("--out: " + out + " is not empty and holds no sweep (no "
          + SweepLayout.PLAN + "); choose another directory");
    }
    if (resume && existing == null) {
      throw new UsageError("--resume: " + out + " holds no sweep to resume");
    }
    SweepPlan plan;
    if (resume && train == null && grid.isEmpty() && seeds == null) {
      plan = existing; // continue the stored plan as it is
    } else {
      plan = plan(existing);
      if (existing != null && !overwrite) {
        plan = sameSweep(layout, existing, plan);
      }
    }
    if (existing != null && overwrite) {
      deleteSweep(layout, existing);
    }
    Files.createDirectories(out);
    plan.save(layout.plan());
    AtomicFiles.write(layout.base(), baseYaml(plan).getBytes(StandardCharsets.UTF_8));
    PrintWriter o = spec.commandLine().getOut();
    ChildCommand child = new ChildCommand(mainClass, jvmOptions);
    if (printCommands) {
      printCommands(layout, plan, child, o);
      return 0;
    }
    SweepRunner.Outcome outcome =
        new SweepRunner(layout, plan, child, parallel, retryFailed, o).run();
    writeTables(layout, o);
    if (outcome.failed() > 0 || outcome.unfinished() > 0) {
      o.println(outcome.failed() + " run(s) failed, " + outcome.unfinished() + " unfinished; "
          + "see " + layout.markdown());
      o.flush();
      return TrainerCli.TRAINING_FAILED;
    }
    return 0;
  }

  /** Writes sweep.csv, .md and .html and prints the table. */
  static void writeTables(SweepLayout layout, PrintWriter o) throws IOException {
    SweepFiles.write(layout);
    o.print(Files.readString(layout.markdown(), StandardCharsets.UTF_8));
    o.println("wrote " + layout.csv() + ", " + layout.markdown() + ", " + layout.html());
    o.flush();
  }

  /** The plan of this command line; every grid value checked as the config file's would be. */
  private SweepPlan plan(SweepPlan existing) {
    if (train == null) {
      throw new UsageError("--train is required (only 'sweep --out DIR --resume' may leave it out)");
    }
    CliFiles.requireReadable(train, "--train");
    if (dev != null) CliFiles.requireReadable(dev, "--dev");
    if (test != null) CliFiles.requireReadable(test, "--test");
    TrainerConfig base = resolve(defaults);
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (String spec : grid) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new UsageError("--grid " + spec + ": expected KEY=V1,V2,... e.g. learningRate=0.001,0.01");
      }
      String key = spec.substring(0, eq).strip();
      if (key.equals("seed")) {
        throw new UsageError("--grid " + spec + ": seeds are given with --seeds");
      }
      if (keys.containsKey(key)) {
        throw new UsageError("--grid " + spec + ": " + key + " is given twice");
      }
      List<String> values = new ArrayList<>();
      for (String value : spec.substring(eq + 1).split(",", -1)) {
        if (value.isBlank()) {
          throw new UsageError("--grid " + spec + ": an empty value");
        }
        if (values.contains(value.strip())) {
          throw new UsageError("--grid " + spec + ": " + value.strip() + " is given twice");
        }
        values.add(value.strip());
        try {
          TrainerConfigYaml.withOverrides(base, Map.of(key, value.strip()));
        } catch (ConfigException e) {
          throw new UsageError("--grid " + key + "=" + value.strip() + ": " + e.getMessage());
        }
      }
      keys.put(key, values);
    }
    List<Long> runSeeds = seeds == null ? List.of(base.seed()) : List.copyOf(new LinkedHashSet<>(seeds));
    TrainerConfig.Builder builder = base.toBuilder().progressBar(false);
    if (base.torchThreads() == 0) {
      String planned = existing == null ? null : existing.baseValue("torchThreads");
      int threads = planned != null && !planned.equals("0") ? Integer.parseInt(planned)
          : Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
      builder.torchThreads(threads);
    }
    base = builder.build();
    Map<String, String> data = new LinkedHashMap<>();
    data.put("train", absolute(train));
    if (dev != null) data.put("dev", absolute(dev));
    if (test != null) data.put("test", absolute(test));
    SweepPlan plan = new SweepPlan(name, data, keys, runSeeds, TrainerConfigYaml.toYaml(base));
    for (PlannedRun run : plan.runs()) {
      try {
        TrainerConfigYaml.withOverrides(base, run.overrides());
      } catch (ConfigException e) {
        throw new UsageError("--grid point " + run.point() + ": " + e.getMessage());
      }
    }
    return plan;
  }

  /**
   * {@code fresh} when it is the sweep already in {@code --out}; that sweep with more seeds when
   * only seeds were added and {@code --resume} given; else an error saying what differs.
   */
  private SweepPlan sameSweep(SweepLayout layout, SweepPlan existing, SweepPlan fresh)
      throws IOException {
    String stored = Files.readString(layout.plan(), StandardCharsets.UTF_8);
    if (fresh.toYaml().equals(stored)) {
      return fresh;
    }
    SweepPlan sameSeeds = new SweepPlan(
        fresh.trainable(), fresh.data(), fresh.grid(), existing.seeds(), fresh.baseYaml());
    if (sameSeeds.toYaml().equals(stored)) {
      if (existing.seeds().containsAll(fresh.seeds())) {
        return existing;
      }
      if (resume) {
        return existing.withSeeds(fresh.seeds());
      }
      throw new UsageError("--out: " + out + " holds this sweep with seeds " + existing.seeds()
          + "; pass --resume to add seeds, or --overwrite to replace it");
    }
    throw new UsageError("--out: " + out + " holds another sweep (" + layout.plan()
        + " differs in " + String.join(", ", differences(stored, fresh.toYaml()))
        + "); pass --overwrite to replace it, or choose another --out");
  }

  /** The paths (two levels deep) at which two plans differ. */
  private static List<String> differences(String a, String b) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    JsonNode x = yaml.readTree(a);
    JsonNode y = yaml.readTree(b);
    Set<String> names = new LinkedHashSet<>();
    x.fieldNames().forEachRemaining(names::add);
    y.fieldNames().forEachRemaining(names::add);
    names.remove("runs");
    List<String> differing = new ArrayList<>();
    for (String field : names) {
      JsonNode u = x.path(field);
      JsonNode v = y.path(field);
      if (u.equals(v)) {
        continue;
      }
      if (u.isObject() && v.isObject()) {
        Set<String> inner = new LinkedHashSet<>();
        u.fieldNames().forEachRemaining(inner::add);
        v.fieldNames().forEachRemaining(inner::add);
        inner.stream().filter(k -> !u.path(k).equals(v.path(k)))
            .forEach(k -> differing.add(field + "." + k));
      } else {
        differing.add(field);
      }
    }
    return differing;
  }

  private void printCommands(SweepLayout layout, SweepPlan plan, ChildCommand child, PrintWriter o) {
    for (PlannedRun run : plan.runs()) {
      RunState state = RunState.of(layout, run);
      if (state.status() == RunState.Status.FINISHED) {
        o.println("# finished: " + run.name());
        continue;
      }
      Start start = state.status() == RunState.Status.INTERRUPTED ? Start.RESUME
          : RunDirectory.at(layout.run(run.name())).holdsRun() ? Start.OVERWRITE : Start.NEW;
      List<String> command = child.java();
      command.add(mainClass);
      command.addAll(ChildCommand.trainArguments(layout, plan, run, start));
      o.println(ChildCommand.shellLine(command));
    }
    o.flush();
  }

  private static SweepPlan readPlan(SweepLayout layout) {
    try {
      return SweepPlan.read(layout.plan());
    } catch (IOException e) {
      throw new UsageError("--out: " + e.getMessage());
    }
  }

  /** The base configuration file the runs read: the plan's base, as YAML. */
  private static String baseYaml(SweepPlan plan) {
    return plan.baseYaml();
  }

  private static boolean emptyOrMissing(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return true;
    }
    if (!Files.isDirectory(dir)) {
      throw new UsageError("--out: " + dir + " is a file, not a directory");
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  /** Deletes a sweep's files and runs, unless a run is being written by another process. */
  private static void deleteSweep(SweepLayout layout, SweepPlan plan) throws IOException {
    for (PlannedRun run : plan.runs()) {
      Path dir = layout.run(run.name());
      if (Files.isDirectory(dir)) {
        try (RunLock lock = RunLock.acquire(dir)) {
          // only checks that no train holds it
        }
      }
    }
    try (Stream<Path> walk = Files.walk(layout.root())) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(layout.root())) {
          Files.delete(p);
        }
      }
    }
  }

  private static String absolute(Path file) {
    return file.toAbsolutePath().normalize().toString();
  }

  /**
   * The entry point's main class: the class that called {@link TrainerCli#run} (a generated
   * {@code FooTrainerMain}); the sweep's runs start it again in new JVMs.
   */
  private static String callerClass() {
    return StackWalker.getInstance().walk(frames -> frames
        .map(StackWalker.StackFrame::getClassName)
        .filter(c -> !c.equals(SweepCommand.class.getName()) && !c.equals(TrainerCli.class.getName()))
        .findFirst())
        .orElseThrow(() -> new IllegalStateException("no caller of TrainerCli.run"));
  }
}
