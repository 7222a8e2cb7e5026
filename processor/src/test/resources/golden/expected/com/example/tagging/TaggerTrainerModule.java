package com.example.tagging;

import ai.djl.ndarray.NDList;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.Multibinds;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Generated;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.callbacks.Callbacks;
import org.trainkit.runtime.cli.TrainedInstance;
import org.trainkit.runtime.config.ComponentOptions;
import org.trainkit.runtime.config.OptionType;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.train.Trainer;

/**
 * Dagger bindings for training {@link Tagger}: the one {@code @TrainedInstance Tagger}
 * that is trained and the one {@link Trainer} for the bound {@link TrainerConfig}
 * (both scoped: every call on a component gives the same), the
 * {@link TrainableComponent} between them, and the {@link DatasetReader} of its data files.
 * Other modules may add {@link TrainerCallback}s with {@code @Provides @IntoSet}.
 */
@Generated("org.trainkit.processor.TrainableProcessor")
@Module
public abstract class TaggerTrainerModule {
  private TaggerTrainerModule() {
  }

  /**
   * The options of the bound configuration; each not set keeps its default.
   */
  @Provides
  static TaggerOptions options(TrainerConfig config) {
    TaggerOptions defaults = TaggerOptions.defaults();
    ComponentOptions options = config.options();
    return new TaggerOptions(
        options.value("maxWordLength", OptionType.INT, defaults.maxWordLength()),
        options.value("wordCase", OptionType.enumOf(TaggerOptions.Case.values()), defaults.wordCase()),
        options.value("lexicon", OptionType.PATH, defaults.lexicon()),
        options.value("skipWords", OptionType.STRING_LIST, defaults.skipWords()));
  }

  @Provides
  static Tagger tagger(TaggerOptions options) {
    return new Tagger(options);
  }

  /**
   * The instance that is trained: one for the component's lifetime.
   */
  @Provides
  @Singleton
  @TrainedInstance
  static Tagger trainedTagger(Tagger tagger) {
    return tagger;
  }

  @Provides
  static TrainableComponent<String, List<Token>, NDList> component(@TrainedInstance Tagger tagger) {
    return TaggerTrainable.of(tagger);
  }

  @Provides
  @Singleton
  static Trainer<String, List<Token>, NDList> trainer(
      TrainableComponent<String, List<Token>, NDList> component, TrainerConfig config,
      Set<TrainerCallback> callbacks) {
    return new Trainer<>(component, config, Callbacks.withDefaults(config, callbacks));
  }

  @Provides
  static DatasetReader<String> reader() {
    return new LineReader();
  }

  /**
   * The callbacks other modules add with {@code @IntoSet} (none by default). The
   * trainer reports to {@link Callbacks#defaults} first (progress bar, printer, run
   * report), then to these.
   */
  @Multibinds
  abstract Set<TrainerCallback> callbacks();
}
