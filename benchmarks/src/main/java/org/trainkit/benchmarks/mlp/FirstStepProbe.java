package org.trainkit.benchmarks.mlp;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;

/**
 * Adds a callback to {@code BenchMlpTrainerMain}'s trainer for the start-up benchmark: with
 * {@code -Dtrainkit.bench.firstStep=print} (or {@code =exit}) it prints {@code first-step
 * <epoch millis>} when the first training step begins (and with {@code exit} ends the JVM
 * there). Without the property it does nothing.
 */
@Module
public final class FirstStepProbe {

  /** The line's prefix the start-up benchmark looks for. */
  public static final String PREFIX = "trainkit-bench first-step ";

  private FirstStepProbe() {}

  @Provides
  @IntoSet
  static TrainerCallback firstStep() {
    String mode = System.getProperty("trainkit.bench.firstStep", "");
    if (mode.isEmpty()) {
      return new TrainerCallback() {};
    }
    return new TrainerCallback() {
      private boolean seen;

      @Override
      public void onStepBegin(TrainerState state) {
        if (!seen) {
          seen = true;
          System.out.println(PREFIX + System.currentTimeMillis());
          System.out.flush();
          if (mode.equals("exit")) {
            Runtime.getRuntime().halt(0);
          }
        }
      }
    };
  }
}
