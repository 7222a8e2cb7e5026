package org.trainkit.runtime.callbacks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.config.TrainerConfig;

/** The callbacks a run gets unless it is given others. */
public final class Callbacks {

  private Callbacks() {}

  /**
   * The progress bar, when {@link TrainerConfig#progressBar()} asks for it and a terminal is
   * present, then the printer. The bar comes first so that it is closed before the printer writes
   * the iteration's line.
   */
  public static List<TrainerCallback> defaults(TrainerConfig config) {
    List<TrainerCallback> callbacks = new ArrayList<>(2);
    if (config.progressBar() && ProgressBarCallback.terminalPresent()) {
      callbacks.add(new ProgressBarCallback(true));
    }
    callbacks.add(new PrinterCallback());
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
