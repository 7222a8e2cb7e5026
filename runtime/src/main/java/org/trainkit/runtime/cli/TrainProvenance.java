package org.trainkit.runtime.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.data.FileFingerprint;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.io.ShellWords;
import org.trainkit.runtime.provenance.RunProvenance;

/** What {@code train} records in a run's {@code provenance.json} when it starts or resumes. */
final class TrainProvenance {

  private TrainProvenance() {}

  /**
   * @param datasets the datasets by role ({@code train}, {@code dev}, {@code test}); those read
   *     from files carry the fingerprint (size, time, SHA-256) their indexing computed
   */
  static void record(RunDirectory run, boolean resume, String name, String[] args,
      TrainerSession<?> session, TrainerConfig config, Map<String, Dataset<?>> datasets) {
    Map<String, FileFingerprint> data = new LinkedHashMap<>();
    datasets.forEach((role, dataset) -> dataset.source().ifPresent(print -> data.put(role, print)));
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
      line.append(' ').append(ShellWords.quote(arg));
    }
    return line.toString();
  }
}
