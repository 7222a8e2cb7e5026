package org.trainkit.runtime.sweep;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.trainkit.runtime.io.ShellWords;

/**
 * The command that runs one planned run: {@code train} of the same entry point in a new JVM —
 * the same java binary, class path, JVM options and main class as the sweep's own JVM.
 */
public final class ChildCommand {

  /**
   * The system property that tells a child JVM its sweep's pid: it exits (after a checkpoint at
   * the step in progress) when that process is no longer its parent.
   */
  public static final String PARENT_PID = "trainkit.sweep.parentPid";

  private final String mainClass;
  private final List<String> jvmOptions;

  /**
   * @param jvmOptions options for the child JVMs after this JVM's own (e.g. {@code -Xmx4g})
   */
  public ChildCommand(String mainClass, List<String> jvmOptions) {
    this.mainClass = mainClass;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** How a run is started: anew, over a run that left nothing to resume, or from a checkpoint. */
  public enum Start { NEW, OVERWRITE, RESUME }

  /** {@code java ... Main train ...} for {@code run}, watched by this process. */
  public List<String> command(SweepLayout layout, SweepPlan plan, PlannedRun run, Start start) {
    List<String> command = java();
    command.add("-D" + PARENT_PID + "=" + ProcessHandle.current().pid());
    command.add(mainClass);
    command.addAll(trainArguments(layout, plan, run, start));
    return command;
  }

  /** {@code java [options] -cp CLASSPATH}: this JVM's binary, options and class path. */
  public List<String> java() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (inherited(option)) {
        command.add(option);
      }
    }
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    return command;
  }

  /** Options that shape the JVM or set properties; not agents or debuggers, which hold ports. */
  private static boolean inherited(String option) {
    if (option.startsWith("-D" + PARENT_PID + "=") || option.startsWith("-Djava.class.path=")) {
      return false;
    }
    return option.startsWith("-D") || option.startsWith("-X") || option.startsWith("--add-")
        || option.startsWith("--enable-native-access") || option.equals("-ea")
        || option.equals("-da");
  }

  /** {@code train --config base.yaml --set key=value ... --out runs/NAME [--resume]}. */
  public static List<String> trainArguments(
      SweepLayout layout, SweepPlan plan, PlannedRun run, Start start) {
    List<String> args = new ArrayList<>();
    args.add("train");
    args.add("--config");
    args.add(layout.base().toAbsolutePath().toString());
    for (Map.Entry<String, String> override : run.overrides().entrySet()) {
      args.add("--set");
      args.add(override.getKey() + "=" + override.getValue());
    }
    plan.data().forEach((option, file) -> {
      args.add("--" + option);
      args.add(file);
    });
    args.add("--out");
    args.add(layout.run(run.name()).toAbsolutePath().toString());
    switch (start) {
      case RESUME -> args.add("--resume");
      case OVERWRITE -> args.add("--overwrite");
      case NEW -> { }
    }
    return args;
  }

  /** A command as a POSIX shell takes it. */
  public static String shellLine(List<String> command) {
    StringBuilder line = new StringBuilder();
    for (String arg : command) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(ShellWords.quote(arg));
    }
    return line.toString();
  }
}
