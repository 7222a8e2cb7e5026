package org.trainkit.runtime.callbacks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.report.ReportCallback;
import org.trainkit.runtime.tensorboard.TensorBoardCallback;

/** The callbacks a run gets unless it is given others. */
public final class Callbacks {

  private Callbacks() {}

  /**
   * The progress bar, when {@link TrainerConfig#progressBar()} asks for it and a terminal is
   * present, then the printer, then the {@link ReportCallback} (curves and {@code report.html}
   * in the run directory). The bar comes first so that it is closed before the printer writes
   * the iteration's line; TensorBoard's events files when {@link TrainerConfig#tensorboard()}
   * asks for them; the report comes last, as the slowest.
   */
  public static List<TrainerCallback> defaults(TrainerConfig config) {
    List<TrainerCallback> callbacks = new ArrayList<>(4);
    if (config.progressBar() && ProgressBarCallback.terminalPresent()) {
      callbacks.add(new ProgressBarCallback(true));
    }
    callbacks.add(new PrinterCallback());
    if (config.tensorboard()) {
      callbacks.add(new TensorBoardCallback());
    }
    callbacks.add(new ReportCallback());
    return Collections.unmodifiableList(callbacks);
  }

  /** The {@link #defaults defaults}, then {@code extra} in its iteration order. */
  public static List<TrainerCallback> withDefaults(
      TrainerConfig config, Collection<? extends TrainerCallback> extra) {
    List<TrainerCallback> callbacks = new ArrayList<>(defaults(config));
    callbacks.addAll(extra);
    return Collections.unmodifiableList(callbacks);
  }
}
