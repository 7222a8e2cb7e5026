package com.example.tagging;

import java.util.Map;
import javax.annotation.processing.Generated;
import org.trainkit.runtime.cli.TrainerCli;
import org.trainkit.runtime.config.ComponentOptions;
import org.trainkit.runtime.config.OptionType;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfigYaml;

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
        "tagger", defaults(), config -> DaggerTaggerTrainerComponent.factory().create(config), args);
  }

  /**
   * The configuration a new run of {@link Tagger} starts from, before its file and
   * command line: trainkit's defaults, then {@code @Trainable(defaults)},
   * with the class's own options at their defaults.
   */
  public static TrainerConfig defaults() {
    TaggerOptions options = TaggerOptions.defaults();
    TrainerConfig base = TrainerConfig.builder()
        .options(ComponentOptions.builder()
            .add("maxWordLength", OptionType.INT, options.maxWordLength())
            .add("wordCase", OptionType.enumOf(TaggerOptions.Case.values()), options.wordCase())
            .add("lexicon", OptionType.PATH, options.lexicon())
            .add("skipWords", OptionType.STRING_LIST, options.skipWords())
            .build())
        .build();
    return TrainerConfigYaml.withOverrides(base, Map.ofEntries(
        Map.entry("monitor", "accuracy"),
        Map.entry("earlyStoppingPatience", "3")));
  }
}
