package com.example.tagging;

import ai.djl.ndarray.NDList;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.Multibinds;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Generated;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.callbacks.Callbacks;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.train.Trainer;

/**
 * Dagger bindings for training {@link Tagger}: its {@link TrainableComponent}, a {@link Trainer}
 * for the bound {@link TrainerConfig}, and the {@link DatasetReader} of its data files.
 * Other modules may add {@link TrainerCallback}s with {@code @Provides @IntoSet}.
 */
@Generated("org.trainkit.processor.TrainableProcessor")
@Module
public abstract class TaggerTrainerModule {
  private TaggerTrainerModule() {
  }

  @Provides
  static Tagger tagger() {
    return new Tagger();
  }

  @Provides
  static TrainableComponent<String, List<Token>, NDList> component(Tagger tagger) {
    return TaggerTrainable.of(tagger);
  }

  @Provides
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
   * The callbacks the trainer reports to: none, unless a module adds some with
   * {@code @IntoSet}.
   */
  @Multibinds
  abstract Set<TrainerCallback> callbacks();
}
