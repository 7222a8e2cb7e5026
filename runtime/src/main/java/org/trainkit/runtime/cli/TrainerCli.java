package org.trainkit.runtime.cli;

import java.util.function.Function;
import org.trainkit.runtime.config.TrainerConfig;

/**
 * The command line every generated {@code FooTrainerMain} runs: {@code train}, {@code evaluate}
 * (and later {@code compare}), with {@code --config}, {@code --train/--dev/--test}, {@code
 * --out}, {@code --resume}, overrides of common config keys and {@code --help}. Exit code 0 on
 * success, 1 on a training failure, 2 on a usage or input error (one clear message).
 */
public final class TrainerCli {

  private TrainerCli() {}

  /**
   * Runs the command line for one component.
   *
   * @param name the component's run name (from {@code @Trainable(name = ...)}), shown in help
   * @param sessions builds a session (trainer + reader) for the resolved configuration
   * @param args the command-line arguments
   * @return the process exit code
   */
  public static <R> int run(
      String name, Function<TrainerConfig, ? extends TrainerSession<R>> sessions, String... args) {
    throw new UnsupportedOperationException("TODO");
  }
}
