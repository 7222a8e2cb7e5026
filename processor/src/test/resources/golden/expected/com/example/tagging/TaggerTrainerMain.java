package com.example.tagging;

import javax.annotation.processing.Generated;
import org.trainkit.runtime.cli.TrainerCli;

/**
 * Trains and evaluates {@link Tagger} from the command line; run it with
 * {@code --help} for the subcommands and options.
 */
@Generated("org.trainkit.processor.TrainableProcessor")
public final class TaggerTrainerMain {
  private TaggerTrainerMain() {
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns its exit code: 0 on success,
   * 1 when training fails, 2 on a usage or input error, 130 when
   * Ctrl-C stopped training (after saving the last checkpoint).
   */
  public static int run(String... args) {
    return TrainerCli.run(
        "tagger", config -> DaggerTaggerTrainerComponent.factory().create(config), args);
  }
}
