package org.trainkit.runtime.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.provenance.RunProvenance;

/** What {@code train} records in a run's {@code provenance.json} when it starts or resumes. */
final class TrainProvenance {

  private TrainProvenance() {}

  static void record(RunDirectory run, boolean resume, String name, String[] args,
      TrainerSession<?> session, TrainerConfig config, Path train, Path dev, Path test) {
    Map<String, Path> data = new LinkedHashMap<>();
    data.put("train", train);
    if (dev != null) data.put("dev", dev);
    if (test != null) data.put("test", test);
    try {
      RunProvenance.record(run, resume, commandLine(name, args),
          session.trainer().component().getClass().getName(), config, data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + run.provenance() + ": " + e.getMessage(), e);
    }
  }

  /** The command as a shell would take it again. */
  static String commandLine(String name, String[] args) {
    StringBuilder line = new StringBuilder(name);
    for (String arg : args) {
      line.append(' ').append(shellQuoted(arg));
    }
    return line.toString();
  }

  static String shellQuoted(String arg) {
    return arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }
}
