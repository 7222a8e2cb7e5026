package com.example.tagging;

import ai.djl.ndarray.NDList;
import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;
import java.util.List;
import javax.annotation.processing.Generated;
import org.trainkit.runtime.cli.TrainedInstance;
import org.trainkit.runtime.cli.TrainerSession;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.train.Trainer;

/**
 * Trains {@link Tagger}: {@code DaggerTaggerTrainerComponent.factory().create(config)}
 * gives a ready {@link Trainer}, the instance it trains and the {@link DatasetReader}
 * of its data files. The trainer and the instance are created once per
 * component; {@link #close()} releases the trainer.
 */
@Generated("org.trainkit.processor.TrainableProcessor")
@Singleton
@Component(
    modules = TaggerTrainerModule.class
)
public interface TaggerTrainerComponent extends TrainerSession<String> {
  @Override
  Trainer<String, List<Token>, NDList> trainer();

  @Override
  DatasetReader<String> reader();

  /**
   * The instance {@link #trainer()} trains.
   */
  @TrainedInstance
  Tagger tagger();

  /**
   * Creates the component for a configuration.
   */
  @Component.Factory
  interface Factory {
    TaggerTrainerComponent create(@BindsInstance TrainerConfig config);
  }
}
