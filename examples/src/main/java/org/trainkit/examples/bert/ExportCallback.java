package org.trainkit.examples.bert;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.trainkit.runtime.History;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;

/**
 * Writes {@code export/} into the run directory when training ends: the best checkpoint's
 * Hugging Face directory, copied whole (see {@link RunExport}). A run stopped early gets it from
 * the {@code export} command.
 */
public final class ExportCallback implements TrainerCallback {

  @Override
  public void onTrainEnd(TrainerState state, History history) {
    try {
      RunExport.write(state.runDirectory(), state.runDirectory().resolve(RunExport.DIRECTORY));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + state.runDirectory()
          .resolve(RunExport.DIRECTORY) + ": " + e.getMessage(), e);
    }
  }
}
