package org.trainkit.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.provenance.RunProvenance;

/**
 * Warns when a run is evaluated on, or predicts, the very file it trained on (the same SHA-256 as
 * the training file its {@code provenance.json} records): the numbers would say nothing about
 * held-out data.
 */
final class TrainingDataWarning {

  private TrainingDataWarning() {}

  /** @param results what the command makes of the file: "these metrics", "these predictions" */
  static void check(Path run, Path data, String option, String results, PrintWriter err) {
    try {
      if (RunProvenance.isTrainingFile(run, data)) {
        err.println("warning: " + option + " " + data + " is the file this run trained on (same "
            + "SHA-256 as the training file in " + RunDirectory.at(run).provenance() + "); " + results
            + " are not on held-out data");
        err.flush();
      }
    } catch (IOException e) {
      err.println("warning: cannot compare " + data + " with the run's training file: "
          + e.getMessage());
      err.flush();
    }
  }
}
